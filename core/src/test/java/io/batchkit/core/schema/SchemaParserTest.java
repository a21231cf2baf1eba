package io.batchkit.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.types.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaParserTest {

  static final String TRIPS =
      """
      name: trips
      format: {delimiter: ",", quote: "\\"", header: true, multiline: false, encoding: UTF-8}
      nulls: ["", "NA", "NULL", "\\\\N"]
      columns:
        - {name: vendor_id, type: int, required: true, allowed: [1, 2]}
        - {name: pickup_at, type: timestamp, formats: ["yyyy-MM-dd HH:mm:ss", "MM/dd/yyyy hh:mm:ss a"], timezone: America/New_York}
        - {name: passenger_count, type: int, min: 0, max: 9}
        - {name: fare, type: "decimal(10,2)", min: 0}
        - {name: store_and_fwd_flag, type: string, allowed: [Y, N], normalize: [trim, upper]}
        - {name: note, type: string, max_length: 200, normalize: [trim, collapse_whitespace]}
      keys: [vendor_id, pickup_at]
      partition: {name: dt, from: pickup_at, granularity: day}
      """;

  static Schema parse(String yaml) {
    return SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "t.yaml");
  }

  static String error(String yaml) {
    SchemaException e = assertThrows(SchemaException.class, () -> parse(yaml));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void parsesTheIssueExample() {
    Schema s = parse(TRIPS);
    assertEquals("trips", s.name());
    assertEquals(',', s.format().delimiter());
    assertEquals('"', s.format().quote());
    assertTrue(s.format().header());
    assertFalse(s.format().multiline());
    assertEquals(Set.of("", "NA", "NULL", "\\N"), s.nulls());
    assertEquals(6, s.columns().size());
    Column vendor = s.columns().get(0);
    assertEquals(ColumnType.Kind.INT, vendor.type().kind());
    assertTrue(vendor.required());
    assertEquals(Set.of(1, 2), vendor.allowed());
    Column pickup = s.column("pickup_at");
    assertEquals(ZoneId.of("America/New_York"), pickup.timezone());
    assertEquals(List.of("yyyy-MM-dd HH:mm:ss", "MM/dd/yyyy hh:mm:ss a"), pickup.formats());
    Column fare = s.column("fare");
    assertEquals(new ColumnType(ColumnType.Kind.DECIMAL, 10, 2), fare.type());
    assertEquals(new BigDecimal("0.00"), fare.min());
    assertNull(fare.max());
    assertEquals(200, s.column("note").maxLength());
    assertEquals(
        List.of(Normalization.TRIM, Normalization.COLLAPSE_WHITESPACE),
        s.column("note").normalize());
    assertEquals(List.of("vendor_id", "pickup_at"), s.keys());
    assertEquals("dt", s.partition().name());
    assertEquals(PartitionSpec.Granularity.DAY, s.partition().granularity());
    assertEquals(64, s.sha256().length());
    assertEquals(10, s.column("note").line());
  }

  @Test
  void defaultsAreSensible() {
    Schema s = parse("name: x\ncolumns:\n  - {name: a, type: string}\n");
    assertEquals(FormatSpec.DEFAULT, s.format());
    assertEquals(Set.of(""), s.nulls());
    assertEquals(List.of(), s.keys());
    assertNull(s.partition());
  }

  @Test
  void timestampBoundsAreParsedInTheColumnsTimezone() {
    Schema s =
        parse(
            """
            name: x
            columns:
              - {name: t, type: timestamp, timezone: America/New_York, min: "2024-01-01 00:00:00"}
            """);
    // Midnight in New York in winter is 05:00 UTC.
    assertEquals(LocalDateTime.of(2024, 1, 1, 5, 0), s.column("t").min());
  }

  @Test
  void temporalBoundsTakeIsoOrTheColumnsOwnFormat() {
    Schema s =
        parse(
            """
            name: x
            columns:
              - {name: d, type: date, formats: ["MMM dd yyyy"], min: "Jan 01 2010", max: "2010-12-31"}
              - {name: t, type: timestamp, formats: ["MM/dd/yyyy hh:mm a"], max: "2010-12-31 23:00:00"}
            """);
    assertEquals(java.time.LocalDate.of(2010, 1, 1), s.column("d").min());
    assertEquals(java.time.LocalDate.of(2010, 12, 31), s.column("d").max());
    assertEquals(LocalDateTime.of(2010, 12, 31, 23, 0), s.column("t").max());
    assertTrue(
        error(
                "name: x\ncolumns:\n  - {name: d, type: date, formats: [\"MMM dd yyyy\"], max: 31.12.2010}")
            .contains(
                "'31.12.2010' is not a valid date value (type); write it as ISO yyyy-MM-dd or in"
                    + " the column's formats"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown type           | name: x\\ncolumns:\\n  - {name: a, type: integer}                 | t.yaml:3:21: columns[0] (a).type: unknown type 'integer'
          misspelt key           | name: x\\ncolumns:\\n  - {name: a, type: int, requried: true}     | t.yaml:3:26: columns[0].requried: unknown key; did you mean 'required'?
          missing columns        | name: x                                                            | t.yaml:1:1: columns: missing
          bad allowed value      | name: x\\ncolumns:\\n  - {name: a, type: int, allowed: [1, two]} | t.yaml:3:39: columns[0] (a).allowed: 'two' is not a valid int value
          min above max          | name: x\\ncolumns:\\n  - {name: a, type: int, min: 5, max: 1}     | t.yaml:3:39: columns[0] (a).max: is less than min
          bad timezone           | name: x\\ncolumns:\\n  - {name: a, type: timestamp, timezone: Mars/Base} | t.yaml:3:42: columns[0] (a).timezone: unknown timezone 'Mars/Base'
          bad pattern            | name: x\\ncolumns:\\n  - {name: a, type: date, formats: ["yyyy-MM-dd ppp"]} | t.yaml:3:37: columns[0] (a).formats: bad pattern
          key not a column       | name: x\\ncolumns:\\n  - {name: amount, type: int}\\nkeys: [amout] | t.yaml:4:8: keys: 'amout' is not a column; did you mean 'amount'?
          partition of string    | name: x\\ncolumns:\\n  - {name: a, type: string}\\npartition: {name: p, from: a, granularity: day} | t.yaml:4:44: partition.granularity: 'a' is string
          partition name clash   | name: x\\ncolumns:\\n  - {name: a, type: date}\\npartition: {name: A, from: a} | t.yaml:4:19: partition.name: 'A' is also a column
          duplicate column       | name: x\\ncolumns:\\n  - {name: a, type: int}\\n  - {name: A, type: int} | t.yaml:4:5: columns[1].name: duplicate column 'A'
          utf16 encoding         | name: x\\nformat: {encoding: UTF-16}\\ncolumns:\\n  - {name: a, type: int} | t.yaml:2:20: format.encoding: 'UTF-16' is not ASCII-compatible
          two-char delimiter     | name: x\\nformat: {delimiter: ';;'}\\ncolumns:\\n  - {name: a, type: int} | t.yaml:2:21: format.delimiter: must be exactly one character
          min on a string        | name: x\\ncolumns:\\n  - {name: a, type: string, min: 1}         | t.yaml:3:29: columns[0] (a).min: only numeric, date and timestamp columns take min/max
          bare decimal           | name: x\\ncolumns:\\n  - {name: a, type: decimal}               | t.yaml:3:21: columns[0] (a).type: write decimal(p,s)
          decimal scale > prec   | name: x\\ncolumns:\\n  - {name: a, type: 'decimal(2,5)'}        | t.yaml:3:21: columns[0] (a).type: decimal scale (5) must not exceed its precision (2)
          yaml syntax            | name: x\\ncolumns: [\\n                                           | t.yaml:3:1: not valid YAML
          pseudonymize an int    | name: x\\ncolumns:\\n  - {name: a, type: int, pseudonymize: true} | t.yaml:3:26: columns[0] (a).pseudonymize: only string columns take pseudonymize
          duplicate yaml key     | name: x\\nname: y\\ncolumns:\\n  - {name: a, type: int}          | t.yaml:2:1: name: given twice
          unknown format type    | name: x\\nformat: {type: xml}\\ncolumns:\\n  - {name: a, type: int} | t.yaml:2:16: format.type: 'xml' is not a format; use csv or json
          delimiter of json      | name: x\\nformat: {type: json, delimiter: ';'}\\ncolumns:\\n  - {name: a, type: int} | t.yaml:2:22: format.delimiter: does not apply to JSON records
          lines of csv           | name: x\\nformat: {lines: true}\\ncolumns:\\n  - {name: a, type: int} | t.yaml:2:10: format.lines: applies to JSON records only
          path in csv            | name: x\\ncolumns:\\n  - {name: a, type: int, path: b.c}      | t.yaml:3:26: columns[0] (a).path: applies to JSON records only
          bad path               | name: x\\nformat: {type: json}\\ncolumns:\\n  - {name: a, type: int, path: 'b..c'} | t.yaml:4:32: columns[0] (a).path: 'b..c' is not a path
          json on an int         | name: x\\nformat: {type: json}\\ncolumns:\\n  - {name: a, type: int, json: true} | t.yaml:4:26: columns[0] (a).json: only string columns keep JSON text
          column inside json     | name: x\\nformat: {type: json}\\ncolumns:\\n  - {name: a, type: string, json: true}\\n  - {name: b, type: int, path: 'a[2].x'} | t.yaml:5:5: columns[1].path: 'b' is inside 'a', which keeps its value as JSON text
          """)
  void reportsFileLineAndKey(String what, String yaml, String expected) {
    String message = error(yaml.replace("\\n", "\n"));
    assertTrue(
        message.startsWith("schema " + expected) || message.contains(expected),
        what + ": expected «" + expected + "» in «" + message + "»");
  }

  @Test
  void jsonFormatAndPaths() {
    Schema s =
        parse(
            "name: x\nformat: {type: json, lines: true}\ncolumns:\n"
                + "  - {name: a, type: int}\n  - {name: b, type: string, path: 'u.items[3][0].sku', json: true}");
    assertTrue(s.format().json());
    assertFalse(s.format().multiline());
    assertFalse(s.format().header());
    assertEquals(List.of("a"), s.column("a").jsonPath().steps());
    assertEquals(List.of("u", "items", 3, 0, "sku"), s.column("b").jsonPath().steps());
    assertTrue(s.column("b").json());
    assertTrue(
        parse("name: x\nformat: {type: json}\ncolumns:\n  - {name: a, type: int}")
            .format()
            .multiline());
  }

  @Test
  void emptyFileIsAnError() {
    assertTrue(error("").contains("t.yaml:1:1: the file is empty"));
  }
}
