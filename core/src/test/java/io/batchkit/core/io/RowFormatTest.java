package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowFormatTest {

  static String text(Object... values) {
    StringBuilder sb = new StringBuilder();
    RowFormat.TEXT.append(values, sb);
    return sb.toString();
  }

  @Test
  void hiveTextEscapesDelimiterLineBreaksAndBackslash() {
    assertEquals("a\\\tb\t\\N\tx\\\\y\tl1\\nl2\\r", text("a\tb", null, "x\\y", "l1\nl2\r"));
    assertEquals("\\\\N", text("\\N"), "a string \\N must not read back as null");
  }

  @Test
  void typedValuesAreWrittenAsHiveReadsThem() {
    assertEquals(
        "42\t12.50\t2024-01-31\t2024-01-31 10:15:30\t2024-01-31 10:15:30.05\ttrue\t1.5",
        text(
            42,
            new BigDecimal("12.50"),
            LocalDate.of(2024, 1, 31),
            LocalDateTime.of(2024, 1, 31, 10, 15, 30),
            LocalDateTime.of(2024, 1, 31, 10, 15, 30, 50_000_000),
            true,
            1.5));
  }

  @Test
  void datesAndTimesKeepEveryDigitAtAnyWidth() {
    assertEquals(
        "0999-01-02\t12345-06-07\t0001-12-31 09:05:07.123456789\t2024-10-31 23:59:59.000001",
        text(
            LocalDate.of(999, 1, 2),
            LocalDate.of(12345, 6, 7),
            LocalDateTime.of(1, 12, 31, 9, 5, 7, 123_456_789),
            LocalDateTime.of(2024, 10, 31, 23, 59, 59, 1_000)));
  }

  @Test
  void csvQuotesEveryValueAndLeavesNullEmpty() {
    StringBuilder sb = new StringBuilder();
    RowFormat.CSV.append(new Object[] {"a,\"b\"", null, 3, ""}, sb);
    assertEquals("\"a,\"\"b\"\"\",,\"3\",\"\"", sb.toString());
  }

  /**
   * Reads a TEXT line back the way Hive's LazySimpleSerDe does with ESCAPED BY '\\' and
   * serialization.escape.crlf=true: a second, independent implementation of the format.
   */
  static List<String> hiveRead(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean escaped = false;
    boolean anyEscape = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (escaped) {
        cur.append(c == 'n' ? '\n' : c == 'r' ? '\r' : c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
        anyEscape = true;
      } else if (c == '\t') {
        fields.add(cur.toString().equals("\\N") && !anyEscape ? null : cur.toString());
        cur.setLength(0);
        anyEscape = false;
      } else {
        cur.append(c);
      }
    }
    String last = cur.toString();
    // Hive compares the raw bytes of a field with the null sequence before unescaping.
    fields.add(last);
    return fields;
  }

  @Test
  void everyStringSurvivesARoundTripAndStaysOnOneLine() {
    Random r = new Random(3);
    String alphabet = "a\t\n\r\\N é";
    for (int i = 0; i < 2_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = r.nextInt(12); j > 0; j--) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String value = sb.toString();
      String line = text(value, "end");
      assertEquals(-1, line.indexOf('\n'));
      assertEquals(-1, line.indexOf('\r'));
      assertEquals(List.of(value, "end"), hiveRead(line), "value «" + value + "»");
    }
  }
}
