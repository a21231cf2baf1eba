package io.batchkit.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code epoch_seconds}, {@code epoch_millis} and {@code epoch_micros} on generated numbers,
 * against the instant the same number gives through BigDecimal arithmetic and {@link Instant}
 * alone.
 */
class EpochFormatTest {
  static final String[] FORMATS = {"epoch_seconds", "epoch_millis", "epoch_micros"};
  static final int[] UNITS = {1, 1_000, 1_000_000};
  static final int[] DECIMALS = {9, 6, 3};

  /**
   * The oracle: the UTC time, or "TYPE" (more decimals than a nanosecond, outside years 1-9999).
   */
  static String expected(String text, int format) {
    if (!text.matches("-?\\d{1,18}(\\.\\d+)?")) {
      return "TYPE";
    }
    BigDecimal seconds = new BigDecimal(text).divide(BigDecimal.valueOf(UNITS[format]));
    if (seconds.stripTrailingZeros().scale() > 9) {
      return "TYPE";
    }
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    long nanos = seconds.subtract(whole).movePointRight(9).longValueExact();
    try {
      LocalDateTime utc =
          LocalDateTime.ofInstant(
              Instant.ofEpochSecond(whole.longValueExact(), nanos), ZoneOffset.UTC);
      return utc.getYear() >= 1 && utc.getYear() <= 9999 ? utc.toString() : "TYPE";
    } catch (RuntimeException outOfRange) {
      return "TYPE";
    }
  }

  static String actual(ValueParser p, String text) {
    Object v = p.parse(text);
    return v instanceof ParseFailure ? "TYPE" : v.toString();
  }

  @Test
  void agreesWithInstantOnGeneratedNumbers() {
    Random r = new Random(7);
    for (int f = 0; f < FORMATS.length; f++) {
      // A timezone names local wall-clock text: an epoch is an instant, and keeps its UTC time.
      ValueParser p =
          ValueParser.forType(
              ColumnType.parse("timestamp"), List.of(FORMATS[f]), ZoneId.of("Europe/Berlin"));
      for (int i = 0; i < 20_000; i++) {
        long whole = (long) (r.nextDouble() * 2e11 * UNITS[f]) * (r.nextInt(10) == 0 ? -1 : 1);
        String text = String.valueOf(r.nextInt(20) == 0 ? whole * 1000 : whole);
        int decimals = r.nextInt(3) == 0 ? 1 + r.nextInt(DECIMALS[f] + 1) : 0;
        if (decimals > 0) {
          StringBuilder frac = new StringBuilder(".");
          for (int d = 0; d < decimals; d++) {
            frac.append(r.nextInt(10));
          }
          text += frac;
        }
        assertEquals(expected(text, f), actual(p, text), FORMATS[f] + " " + text);
      }
      for (String odd : List.of("", "-", ".5", "12.", "1e9", "+12", "0x10", "1_000")) {
        assertEquals("TYPE", actual(p, odd), FORMATS[f] + " '" + odd + "'");
      }
    }
  }

  @Test
  void aDateColumnTakesTheInstantsUtcDayAndAPatternStillReadsText() {
    ValueParser p =
        ValueParser.forType(ColumnType.parse("date"), List.of("epoch_millis", "dd.MM.yyyy"), null);
    assertEquals("2024-01-31", actual(p, "1706745599999")); // 23:59:59.999 UTC
    assertEquals("2024-02-01", actual(p, "1706745600000"));
    assertEquals("2024-02-29", actual(p, "29.02.2024"));
    assertEquals("1969-12-31", actual(p, "-1"));
  }
}
