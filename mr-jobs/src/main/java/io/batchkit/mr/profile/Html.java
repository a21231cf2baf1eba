package io.batchkit.mr.profile;

import java.util.Locale;

/** Escaping and number formats shared by the report's page and charts. */
final class Html {
  private Html() {}

  static String esc(Object o) {
    String s = String.valueOf(o);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A count, in full with thousands separators (never shortened: a count is read, not guessed). */
  static String count(Object n) {
    return n instanceof Number x ? String.format(Locale.ROOT, "%,d", x.longValue()) : esc(n);
  }

  /** A measurement: four decimals at most, scientific beyond a million or under a thousandth. */
  static String num(Object n) {
    if (!(n instanceof Number x)) {
      return esc(n);
    }
    double d = x.doubleValue();
    return Math.abs(d) >= 1e6 || (d != 0 && Math.abs(d) < 1e-3)
        ? String.format(Locale.ROOT, "%.4g", d)
        : String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static String percent(long part, long whole) {
    if (whole == 0) {
      return "-";
    }
    double p = 100.0 * part / whole;
    return String.format(Locale.ROOT, p > 0 && p < 0.1 ? "%.2f%%" : "%.1f%%", p);
  }

  /**
   * At most {@code max} characters, the middle as an ellipsis: values that differ only at their end
   * (ids, numbered labels) stay told apart; the whole text goes in a title.
   */
  static String clip(String s, int max) {
    int n = s.codePointCount(0, s.length());
    if (n <= max) {
      return s;
    }
    int head = (max - 1) / 2;
    int tail = max - 1 - head;
    return s.substring(0, s.offsetByCodePoints(0, head))
        + "\u2026"
        + s.substring(s.offsetByCodePoints(0, n - tail));
  }
}
