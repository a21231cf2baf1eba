package io.batchkit.core.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Turns a column's text into a typed value: Integer, Long, Double, BigDecimal (at the column's
 * scale), Boolean, LocalDate, LocalDateTime (UTC) or String. Returns a {@link ParseFailure} instead
 * of a value when the text is not acceptable. Leading and trailing whitespace is ignored for every
 * type but string, where it is data unless the column normalises it.
 */
@FunctionalInterface
public interface ValueParser {

  /** Returns the typed value, or a {@link ParseFailure}. */
  Object parse(String text);

  /**
   * As {@link #parse} for a value read from a record's bytes, without surrounding blanks; null when
   * this parser reads it only as a String (then call {@link #parse}).
   */
  default Object parseFast(CharSequence text) {
    return null;
  }

  static ValueParser forType(ColumnType type, List<String> formats, ZoneId zone) {
    return switch (type.kind()) {
      case STRING -> text -> text;
      case INT -> new Digits(true);
      case BIGINT -> new Digits(false);
      case DOUBLE -> ValueParser::parseDouble;
      case DECIMAL -> text -> parseDecimal(text, type.precision(), type.scale());
      case BOOLEAN -> ValueParser::parseBoolean;
      case DATE -> TemporalParser.forDates(formats);
      case TIMESTAMP -> TemporalParser.forTimestamps(formats, zone);
    };
  }

  /** Integers: an optional sign and up to 20 digits, within int's or bigint's range. */
  final class Digits implements ValueParser {
    private final boolean isInt;

    private Digits(boolean isInt) {
      this.isInt = isInt;
    }

    @Override
    public Object parse(String text) {
      return parseFast(text.strip());
    }

    @Override
    public Object parseFast(CharSequence t) {
      int n = t.length();
      if (n == 0 || n > 20) {
        return ParseFailure.TYPE;
      }
      boolean negative = t.charAt(0) == '-';
      int i = (negative || t.charAt(0) == '+') ? 1 : 0;
      if (i == n) {
        return ParseFailure.TYPE;
      }
      for (int j = i; j < n; j++) {
        char c = t.charAt(j);
        if (c < '0' || c > '9') {
          return ParseFailure.TYPE;
        }
      }
      if (isInt) {
        long v = 0;
        for (; i < n; i++) {
          v = v * 10 + (t.charAt(i) - '0');
          if (v > 1L + Integer.MAX_VALUE) {
            return ParseFailure.TYPE; // too large for an int
          }
        }
        v = negative ? -v : v;
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE
            ? (Object) (int) v
            : ParseFailure.TYPE;
      }
      try {
        return Long.parseLong(t, 0, n, 10);
      } catch (NumberFormatException overflow) {
        return ParseFailure.TYPE;
      }
    }
  }

  private static Object parseDouble(String text) {
    String t = text.strip();
    if (t.isEmpty() || !isPlainNumber(t)) {
      // Java would also take "NaN", "Infinity", "0x1p3" and "1.5d": none is a data value.
      return ParseFailure.TYPE;
    }
    try {
      double d = Double.parseDouble(t);
      return Double.isFinite(d) ? (Object) d : ParseFailure.TYPE;
    } catch (NumberFormatException e) {
      return ParseFailure.TYPE;
    }
  }

  private static Object parseDecimal(String text, int precision, int scale) {
    String t = text.strip();
    if (t.isEmpty() || !isPlainNumber(t)) {
      return ParseFailure.TYPE;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(t);
    } catch (NumberFormatException e) {
      return ParseFailure.TYPE;
    }
    BigDecimal scaled;
    try {
      scaled = d.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException needsRounding) {
      return ParseFailure.SCALE;
    }
    return scaled.precision() - scaled.scale() > precision - scale && scaled.signum() != 0
        ? ParseFailure.PRECISION
        : scaled;
  }

  private static boolean isPlainNumber(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return true;
  }

  private static Object parseBoolean(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
      case "false", "f", "no", "n", "0" -> Boolean.FALSE;
      default -> ParseFailure.TYPE;
    };
  }
}
