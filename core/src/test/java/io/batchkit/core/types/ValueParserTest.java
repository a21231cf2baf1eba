package io.batchkit.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueParserTest {
  static final ZoneId NY = ZoneId.of("America/New_York");

  static Object parse(String type, String text) {
    return ValueParser.forType(ColumnType.parse(type), List.of(), ZoneOffset.UTC).parse(text);
  }

  @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          int           | 42                   | 42
          int           | ' 7 '                | 7
          int           | +5                   | 5
          int           | -2147483648          | -2147483648
          int           | 2147483648           | TYPE
          int           | 1.0                  | TYPE
          int           | 1_000                | TYPE
          int           | '-'                  | TYPE
          bigint        | 9223372036854775807  | 9223372036854775807
          bigint        | 9223372036854775808  | TYPE
          double        | 1.5                  | 1.5
          double        | -1e3                 | -1000.0
          double        | NaN                  | TYPE
          double        | Infinity             | TYPE
          double        | 0x1p3                | TYPE
          double        | 1.5d                 | TYPE
          double        | 1e999                | TYPE
          decimal(10,2) | 12.5                 | 12.50
          decimal(10,2) | 12.340               | 12.34
          decimal(10,2) | 12.345               | SCALE
          decimal(10,2) | 99999999.99          | 99999999.99
          decimal(10,2) | 123456789.00         | PRECISION
          decimal(10,2) | -0.01                | -0.01
          decimal(10,2) | 1e2                  | 100.00
          decimal(10,2) | 12.3.4               | TYPE
          decimal(3,0)  | 999                  | 999
          decimal(3,0)  | 1000                 | PRECISION
          boolean       | yes                  | true
          boolean       | F                    | false
          boolean       | 0                    | false
          boolean       | maybe                | TYPE
          date          | 2024-02-29           | 2024-02-29
          date          | 2023-02-29           | TYPE
          date          | 2024-13-01           | TYPE
          date          | 10000-01-01          | TYPE
          string        | ' as is '            | ' as is '
          """)
  void parsesEveryType(String type, String text, String expected) {
    Object v = parse(type, text);
    String actual = v instanceof ParseFailure f ? f.name() : v.toString();
    assertEquals(expected.equals("' as is '") ? " as is " : expected, actual);
  }

  @Test
  void decimalKeepsItsScale() {
    assertEquals(new BigDecimal("12.50"), parse("decimal(10,2)", "12.5"));
    assertEquals(2, ((BigDecimal) parse("decimal(10,2)", "7")).scale());
  }

  @Test
  void timestampDefaultsAcceptSpaceOrTAndFractions() {
    assertEquals(
        LocalDateTime.of(2024, 1, 31, 10, 15, 30), parse("timestamp", "2024-01-31 10:15:30"));
    assertEquals(
        LocalDateTime.of(2024, 1, 31, 10, 15, 30, 500_000_000),
        parse("timestamp", "2024-01-31T10:15:30.5"));
    assertEquals(ParseFailure.TYPE, parse("timestamp", "2024-01-31 24:00:00"));
    assertEquals(ParseFailure.TYPE, parse("timestamp", "31/01/2024 10:00:00"));
  }

  @Test
  void timestampDefaultsAcceptIsoOffsetsInAnyColumnZone() {
    // Hand-converted: an offset fixes the instant, whatever the column's zone.
    assertEquals(LocalDateTime.of(2024, 1, 31, 10, 0), ts("2024-01-31T10:00:00Z", NY));
    assertEquals(LocalDateTime.of(2024, 1, 31, 9, 0), ts("2024-01-31T10:00:00+01:00", NY));
    assertEquals(
        LocalDateTime.of(2024, 1, 31, 15, 30, 0, 123_456_789),
        ts("2024-01-31 10:00:00.123456789-0530", ZoneOffset.UTC));
    assertEquals(LocalDateTime.of(2024, 2, 1, 0, 0), ts("2024-01-31T23:00-01:00", NY));
    assertEquals(ParseFailure.TYPE, ts("2024-02-30T10:00:00Z", NY));
    assertEquals(ParseFailure.TYPE, ts("2024-01-31T10:00:00ZZ", NY));
  }

  static Object ts(String text, ZoneId zone, String... formats) {
    return ValueParser.forType(ColumnType.parse("timestamp"), List.of(formats), zone).parse(text);
  }

  @Test
  void timestampsAreResolvedInTheirZoneAndStoredInUtc() {
    String[] f = {"yyyy-MM-dd HH:mm:ss", "MM/dd/yyyy hh:mm:ss a"};
    // EST is UTC-5 in January, EDT is UTC-4 in July.
    assertEquals(LocalDateTime.of(2024, 1, 31, 15, 0), ts("2024-01-31 10:00:00", NY, f));
    assertEquals(LocalDateTime.of(2024, 7, 1, 14, 0), ts("2024-07-01 10:00:00", NY, f));
    assertEquals(LocalDateTime.of(2024, 2, 1, 0, 30, 5), ts("01/31/2024 07:30:05 PM", NY, f));
    assertEquals(LocalDateTime.of(2024, 2, 1, 0, 30, 5), ts("01/31/2024 07:30:05 pm", NY, f));
    assertEquals(ParseFailure.TYPE, ts("01/31/2024 13:30:05 PM", NY, f));
  }

  @Test
  void aTimeInADaylightSavingGapIsAViolationNotShifted() {
    // 2024-03-10: New York clocks jump from 02:00 to 03:00.
    assertEquals(ParseFailure.NONEXISTENT_TIME, ts("2024-03-10 02:30:00", NY));
    assertEquals(LocalDateTime.of(2024, 3, 10, 6, 59, 59), ts("2024-03-10 01:59:59", NY));
    assertEquals(LocalDateTime.of(2024, 3, 10, 7, 0), ts("2024-03-10 03:00:00", NY));
    // The same wall time is fine in UTC.
    assertEquals(LocalDateTime.of(2024, 3, 10, 2, 30), ts("2024-03-10 02:30:00", ZoneOffset.UTC));
  }

  @Test
  void aTimeInAnOverlapTakesTheEarlierInstant() {
    // 2024-11-03: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    assertEquals(LocalDateTime.of(2024, 11, 3, 5, 30), ts("2024-11-03 01:30:00", NY));
  }

  @Test
  void anExplicitOffsetWinsOverTheColumnZone() {
    assertEquals(
        LocalDateTime.of(2024, 1, 31, 9, 0),
        ts("2024-01-31T10:00:00+01:00", NY, "yyyy-MM-dd'T'HH:mm:ssXXX"));
  }

  @Test
  void datesTakeFormatsToo() {
    Object d =
        ValueParser.forType(ColumnType.parse("date"), List.of("dd/MM/yyyy", "yyyyMMdd"), null)
            .parse("31/01/2024");
    assertEquals(LocalDate.of(2024, 1, 31), d);
    assertEquals(
        LocalDate.of(2024, 1, 31),
        ValueParser.forType(ColumnType.parse("date"), List.of("dd/MM/yyyy", "yyyyMMdd"), null)
            .parse("20240131"));
  }
}
