package io.batchkit.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The default timestamp formats on ISO 8601 text with and without an offset, as JSON producers
 * write it, against java.time's own ISO parsers asked directly: the fast reader of the common
 * shapes and java.time for the rest must together give what java.time gives.
 */
class IsoOffsetTimestampTest {
  private static final ValueParser DEFAULT =
      ValueParser.forType(ColumnType.parse("timestamp"), List.of(), ZoneOffset.UTC);

  /** java.time's verdict: the UTC time, or "TYPE". */
  static String expected(String text) {
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.replaceFirst(" ", "T") : text;
    iso = iso.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"); // +HHMM, as ISO writes +HH:MM
    try {
      if (!text.matches(OFFSET)) {
        throw new DateTimeException("the default reads Z, +HH:MM and +HHMM only");
      }
      LocalDateTime utc =
          OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .withOffsetSameInstant(ZoneOffset.UTC)
              .toLocalDateTime();
      return utc.getYear() >= 1 && utc.getYear() <= 9999 ? utc.toString() : "TYPE";
    } catch (DateTimeException withoutOffset) {
      // Without an offset the default takes yyyy-MM-dd[T ]HH:mm:ss[.fraction], as UTC here.
      if (!iso.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?")) {
        return "TYPE";
      }
      try {
        LocalDateTime local = LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        return local.getYear() >= 1 ? local.toString() : "TYPE";
      } catch (DateTimeException e) {
        return "TYPE";
      }
    }
  }

  private static final String OFFSET = ".*([zZ]|[+-]\\d\\d:?\\d\\d)";

  static String actual(String text) {
    Object v = DEFAULT.parse(text);
    return v instanceof ParseFailure ? "TYPE" : v.toString();
  }

  @Test
  void agreesWithJavaTimeOnGeneratedValues() {
    Random r = new Random(42);
    int values = 0;
    int withOffset = 0;
    for (int i = 0; i < 50_000; i++) {
      String text = generate(r);
      String expected = expected(text);
      assertEquals(expected, actual(text), "«" + text + "»");
      values += expected.equals("TYPE") ? 0 : 1;
      withOffset += expected.equals("TYPE") || !text.matches(OFFSET) ? 0 : 1;
    }
    assertTrue(withOffset > 10_000 && values - withOffset > 2_000, values + " / " + withOffset);
  }

  /** Mostly valid shapes with valid or out-of-range parts, some with a character changed. */
  private static String generate(Random r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        pick(r, "2024", "0001", "9999", "1970", "2000", "0000", String.valueOf(r.nextInt(9999))));
    sb.append('-').append(two(r, 13)).append('-').append(two(r, 32));
    sb.append(pick(r, "T", "T", " ", "t", "x"));
    sb.append(two(r, 25)).append(':').append(two(r, 61));
    if (r.nextInt(10) > 0) {
      sb.append(':').append(two(r, 61));
    }
    if (r.nextInt(3) == 0) {
      sb.append('.');
      for (int k = r.nextInt(11); k > 0; k--) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
    }
    if (r.nextInt(20) == 0) {
      int at = r.nextInt(sb.length());
      sb.setCharAt(at, "0123456789:-T. Z".charAt(r.nextInt(16)));
    }
    switch (r.nextInt(6)) {
      case 0 -> sb.append(pick(r, "Z", "Z", "z"));
      case 1, 2 -> sb.append(pick(r, "+", "-")).append(two(r, 20)).append(':').append(two(r, 61));
      case 3 -> sb.append(pick(r, "+", "-")).append(two(r, 20)).append(two(r, 61));
      case 4 -> sb.append(pick(r, "+00:00", "-00:00", "+0000", "+05:30", "-09:30", "+18:00"));
      default -> {} // no offset
    }
    return sb.toString();
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  /** Two digits, mostly within {@code 0..bound - 1}, now and then 99. */
  private static String two(Random r, int bound) {
    int v = r.nextInt(50) == 0 ? 99 : r.nextInt(bound);
    return v < 10 ? "0" + v : String.valueOf(v);
  }
}
