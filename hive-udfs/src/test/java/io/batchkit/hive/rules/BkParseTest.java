package io.batchkit.hive.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.hive.Inspectors;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.serde2.io.DateWritableV2;
import org.apache.hadoop.hive.serde2.io.TimestampWritableV2;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.junit.jupiter.api.Test;

class BkParseTest {
  static final Path TRIPS = Path.of("../examples/trips.yaml").toAbsolutePath();
  static final String EVENTS =
      "name: events\n"
          + "nulls: ['', NA]\n"
          + "columns:\n"
          + "  - {name: day, type: date, formats: [dd.MM.yyyy, yyyy-MM-dd]}\n"
          + "  - {name: amount, type: 'decimal(6,2)', min: 0}\n"
          + "  - {name: code, type: string, normalize: [trim, upper]}\n";

  static BkParse parse(String schema, String column) throws UDFArgumentException {
    BkParse f = new BkParse();
    f.initialize(
        new ObjectInspector[] {
          Inspectors.constant(schema), Inspectors.constant(column), Inspectors.string()
        });
    return f;
  }

  static Object eval(BkParse f, String raw) throws Exception {
    return f.evaluate(Inspectors.values("schema", "column", raw));
  }

  /** What the column's timezone says, worked out with java.time alone. */
  static String utc(String newYorkLocal, String pattern) {
    LocalDateTime local =
        LocalDateTime.parse(newYorkLocal, DateTimeFormatter.ofPattern(pattern, Locale.US));
    return local
        .atZone(ZoneId.of("America/New_York"))
        .withZoneSameInstant(ZoneOffset.UTC)
        .toLocalDateTime()
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }

  @Test
  void timestampsAreReadWithTheColumnsFormatsInItsTimezoneAndGivenInUtc() throws Exception {
    BkParse f = parse("file://" + TRIPS, "pickup_at");
    for (String[] c :
        new String[][] {
          {"2024-01-31 10:00:00", "yyyy-MM-dd HH:mm:ss"},
          {"07/04/2024 11:30:15 PM", "MM/dd/yyyy hh:mm:ss a"},
          {"2024-03-10 01:59:59", "yyyy-MM-dd HH:mm:ss"}, // the last second of EST
          {"2024-03-10 03:00:00", "yyyy-MM-dd HH:mm:ss"}, // the first of EDT
          {"2024-11-03 01:30:00", "yyyy-MM-dd HH:mm:ss"}, // twice that night: the earlier one
        }) {
      TimestampWritableV2 t = (TimestampWritableV2) eval(f, c[0]);
      assertEquals(utc(c[0], c[1]), t.getTimestamp().toString(), c[0]);
    }
    assertNull(eval(f, "2024-03-10 02:30:00"), "a time the DST gap skips does not exist");
    assertNull(eval(f, "2024-02-30 10:00:00"));
    assertNull(eval(f, "1999-12-31 23:59:59"), "the column's min");
    assertNull(eval(f, "NA"), "a null token");
    assertNull(eval(f, null));
  }

  @Test
  void datesDecimalsAndStringsFollowTheirColumnsRules() throws Exception {
    BkParse day = parse(EVENTS, "day");
    assertEquals(
        LocalDate.of(2024, 2, 29).toEpochDay(),
        ((DateWritableV2) eval(day, "29.02.2024")).getDays());
    assertEquals(
        LocalDate.of(2023, 12, 1).toEpochDay(),
        ((DateWritableV2) eval(day, "2023-12-01")).getDays());
    assertNull(eval(day, "29.02.2023"));

    BkParse amount = parse(EVENTS, "amount");
    assertEquals("12.5", eval(amount, " 12.50 ").toString()); // Hive shows it at the scale
    assertNull(eval(amount, "-1"), "min 0");
    assertNull(eval(amount, "1.234"), "more decimals than the scale");
    assertEquals(
        "decimal(6,2)",
        ((PrimitiveObjectInspector)
                new BkParse()
                    .initialize(
                        new ObjectInspector[] {
                          Inspectors.constant(EVENTS),
                          Inspectors.constant("amount"),
                          Inspectors.string()
                        }))
            .getTypeName());

    BkParse code = parse(EVENTS, "code");
    assertEquals("AB C", eval(code, "  ab c ").toString());
    assertNull(eval(code, "NA"));
  }

  @Test
  void anUnknownColumnIsNamedWithTheColumnsThereAre() {
    UDFArgumentException e = assertThrows(UDFArgumentException.class, () -> parse(EVENTS, "dy"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "bk_parse: argument 2 (column): schema events has no column 'dy'; its columns:"
                    + " day, amount, code"),
        e.getMessage());
  }
}
