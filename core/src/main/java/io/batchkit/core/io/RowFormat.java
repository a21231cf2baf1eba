package io.batchkit.core.io;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * How clean rows are written. {@link #TEXT} is what Hive's LazySimpleSerDe reads with {@code FIELDS
 * TERMINATED BY '\t' ESCAPED BY '\\'} and {@code 'serialization.escape.crlf'='true'}: {@code \N}
 * for null; a tab, backslash, newline or carriage return inside a value written as {@code \<tab>},
 * {@code \\}, {@code \n}, {@code \r}; so one record is always one line. {@link #CSV} is RFC 4180
 * with a header line, every non-null value quoted and null as an empty field.
 */
public enum RowFormat {
  TEXT,
  CSV;

  public static final char TEXT_DELIMITER = '\t';
  public static final String TEXT_NULL = "\\N";

  public static RowFormat parse(String s) {
    for (RowFormat f : values()) {
      if (f.name().equalsIgnoreCase(s)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown output format '" + s + "' (expected text or csv)");
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The line a header would be, or null for formats without one. */
  public String header(List<String> columnNames) {
    if (this != CSV) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String n : columnNames) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(n); // column names are identifiers: nothing to quote
    }
    return sb.toString();
  }

  /** Appends one row (without a line break) to {@code sb}. */
  public void append(Object[] values, StringBuilder sb) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(this == TEXT ? TEXT_DELIMITER : ',');
      }
      Object v = values[i];
      if (this == TEXT) {
        if (v == null) {
          sb.append(TEXT_NULL);
        } else if (v instanceof String s) {
          appendHiveEscaped(s, sb);
        } else {
          appendValue(v, sb);
        }
      } else if (v != null) {
        sb.append('"');
        if (v instanceof String s) {
          for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
              sb.append('"');
            }
            sb.append(c);
          }
        } else {
          appendValue(v, sb);
        }
        sb.append('"');
      }
    }
  }

  static void appendHiveEscaped(String s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
  }

  /** Appends a typed value as Hive reads it back: ISO dates, timestamps without 'T'. */
  public static void appendValue(Object v, StringBuilder sb) {
    if (v instanceof LocalDateTime t) {
      appendTimestamp(t, sb);
    } else if (v instanceof LocalDate d) {
      appendDate(d, sb);
    } else if (v instanceof BigDecimal d) {
      sb.append(d.toPlainString());
    } else if (v instanceof Integer i) {
      sb.append(i.intValue()); // the digits of Integer.toString, without the String
    } else if (v instanceof Long l) {
      sb.append(l.longValue());
    } else {
      sb.append(v);
    }
  }

  static void appendDate(LocalDate d, StringBuilder sb) {
    pad(d.getYear(), 4, sb);
    sb.append('-');
    pad(d.getMonthValue(), 2, sb);
    sb.append('-');
    pad(d.getDayOfMonth(), 2, sb);
  }

  static void appendTimestamp(LocalDateTime t, StringBuilder sb) {
    appendDate(t.toLocalDate(), sb);
    sb.append(' ');
    pad(t.getHour(), 2, sb);
    sb.append(':');
    pad(t.getMinute(), 2, sb);
    sb.append(':');
    pad(t.getSecond(), 2, sb);
    int nanos = t.getNano();
    if (nanos != 0) {
      int digits = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        digits--;
      }
      sb.append('.');
      pad(nanos, digits, sb);
    }
  }

  private static void pad(int v, int width, StringBuilder sb) {
    // The usual widths divide by constants, which the compiler turns into multiplications: a
    // timestamp is 14 digits, and a division by a variable costs as much as the rest of a digit.
    if (width == 2 && v >= 0 && v < 100) {
      sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
      return;
    }
    if (width == 4 && v >= 0 && v < 10000) {
      sb.append((char) ('0' + v / 1000))
          .append((char) ('0' + v / 100 % 10))
          .append((char) ('0' + v / 10 % 10))
          .append((char) ('0' + v % 10));
      return;
    }
    // Digit by digit, most significant first: no String per number on the per-row path.
    int div = 1;
    for (int i = 1; i < width; i++) {
      div *= 10;
    }
    while (div > 1 && v >= div * 10) {
      div *= 10; // wider than asked: print every digit
    }
    for (; div > 0; div /= 10) {
      sb.append((char) ('0' + (v / div) % 10));
    }
  }
}
