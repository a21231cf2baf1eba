package io.batchkit.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast path must accept exactly what the strict java.time formatter accepts. */
class FastTemporalPatternTest {

  /**
   * java.time's verdict, built here from the documented semantics (strict resolution, {@code yyyy}
   * read as the proleptic year {@code uuuu}, names matched without case, US locale): a value,
   * "TYPE" or "NO_MATCH".
   */
  static String javaTime(String pattern, String text, boolean date) {
    DateTimeFormatter f =
        new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern(pattern.replace('y', 'u'))
            .toFormatter(Locale.US)
            .withResolverStyle(ResolverStyle.STRICT);
    ParsePosition pos = new ParsePosition(0);
    if (f.parseUnresolved(text, pos) == null || pos.getIndex() != text.length()) {
      return "NO_MATCH";
    }
    try {
      TemporalAccessor p = f.parse(text);
      return date ? LocalDate.from(p).toString() : LocalDateTime.from(p).toString();
    } catch (DateTimeException e) {
      return "TYPE";
    }
  }

  static String fast(String pattern, String text, boolean date) {
    FastTemporalPattern p = FastTemporalPattern.compile(pattern);
    assertNotNull(p, pattern);
    Object v = p.parse(text, date);
    return v == null ? "NO_MATCH" : v.toString();
  }

  @ParameterizedTest
  @CsvSource({
    "yyyy-MM-dd HH:mm:ss, 2024-01-31 10:15:30, false",
    "MM/dd/yyyy hh:mm:ss a, 01/31/2024 07:15:30 PM, false",
    "yyyyMMdd, 20240229, true",
    "dd.MM.yyyy HH:mm, 31.01.2024 23:59, false",
    "yyyy-MM-dd HH:mm:ss.SSS, 2024-01-31 10:15:30.125, false",
    "yyyy-MM-dd, 2024-02-29, true"
  })
  void agreesWithJavaTimeOnMutatedValues(String pattern, String valid, boolean date) {
    Random r = new Random(pattern.hashCode());
    String alphabet = "0123456789:-/. APMapm";
    for (int i = 0; i < 20_000; i++) {
      char[] c = valid.toCharArray();
      for (int k = r.nextInt(3); k >= 0; k--) {
        c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
      }
      String text = new String(c);
      if (r.nextInt(10) == 0) {
        text = text.substring(0, r.nextInt(text.length()));
      }
      assertEquals(
          javaTime(pattern, text, date), fast(pattern, text, date), pattern + " «" + text + "»");
    }
  }

  @Test
  void patternsItDoesNotKnowAreLeftToJavaTime() {
    assertNull(FastTemporalPattern.compile("yyyy-MM-dd'T'HH:mm:ss"));
    assertNull(FastTemporalPattern.compile("d/M/yyyy"));
    assertNull(FastTemporalPattern.compile("dd MMM yyyy"));
    assertNull(FastTemporalPattern.compile("yyyy-MM-dd HH:mm:ssXXX"));
    assertNull(FastTemporalPattern.compile("yyyy-MM-dd hh:mm"), "hh without a");
  }

  @Test
  void theDefaultTakesSpaceOrTAndAnyFraction() {
    FastTemporalPattern p = FastTemporalPattern.isoTimestamp();
    assertEquals(LocalDateTime.of(2024, 1, 31, 10, 15, 30), p.parse("2024-01-31 10:15:30", false));
    assertEquals(
        LocalDateTime.of(2024, 1, 31, 10, 15, 30, 120_000_000),
        p.parse("2024-01-31T10:15:30.12", false));
    assertEquals(
        LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_789),
        p.parse("2024-01-31T10:15:30.123456789", false));
    assertNull(p.parse("2024-01-31T10:15:30.1234567890", false));
    assertNull(p.parse("2024-01-31 10:15:30.", false));
    assertNull(p.parse("2024-01-31x10:15:30", false));
    assertEquals(ParseFailure.TYPE, p.parse("2023-02-29 10:15:30", false));
  }
}
