package io.batchkit.core.infer;

import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.ValueParser;
import java.util.List;

/**
 * What infer tries, in order of preference, each checked with the parser {@code clean} uses, so a
 * proposed type and format never refuse a value infer saw.
 */
public final class Candidates {
  /** Tokens taken for a missing value (compared after stripping blanks). */
  public static final List<String> NULL_TOKENS = List.of("", "NA", "NULL", "None", "\\N", "-");

  /**
   * Date formats as real files write them: year, month and day in three orders, separated by {@code
   * -}, {@code /}, {@code .} or a space, padded ({@code MM}, {@code dd}) or not ({@code M}, {@code
   * d}), two-digit years, month names short and full, with or without a comma. When several read
   * every value, the first is proposed: the padded before the unpadded (the more specific), month
   * first before day first unless the order is settled by a value above 12 (or by --date-order
   * dmy). At most 64 (a bit each in a mask).
   */
  public static final List<String> DATE_FORMATS =
      List.of(
          "yyyy-MM-dd",
          "yyyy/MM/dd",
          "yyyy.MM.dd",
          "yyyy MM dd",
          "MM/dd/yyyy",
          "dd/MM/yyyy",
          "MM-dd-yyyy",
          "dd-MM-yyyy",
          "MM.dd.yyyy",
          "dd.MM.yyyy",
          "MM dd yyyy",
          "dd MM yyyy",
          "yyyy-M-d",
          "yyyy/M/d",
          "M/d/yyyy",
          "d/M/yyyy",
          "M-d-yyyy",
          "d-M-yyyy",
          "M.d.yyyy",
          "d.M.yyyy",
          "MM/dd/yy",
          "dd/MM/yy",
          "M/d/yy",
          "d/M/yy",
          "dd.MM.yy",
          "dd-MMM-yyyy",
          "d-MMM-yyyy",
          "dd MMM yyyy",
          "d MMM yyyy",
          "d MMMM yyyy",
          "dd-MMM-yy",
          "MMM dd yyyy",
          "MMM d yyyy",
          "MMM d, yyyy",
          "MMMM d, yyyy",
          "MMMM d yyyy",
          "yyyy-MMM-dd");

  /** The ISO default of the timestamp type (no format): T or space, fractions, Z and offsets. */
  public static final String ISO_DEFAULT = "";

  /**
   * Timestamp formats: the dates above with 24-hour ({@code H}) and 12-hour ({@code h ... a})
   * clocks, seconds optional where the hour is unpadded; ISO 8601 last (0 to 9 fraction digits,
   * {@code Z} and offsets). At most 64.
   */
  public static final List<String> TIMESTAMP_FORMATS =
      List.of(
          "yyyy-MM-dd HH:mm:ss",
          "yyyy-MM-dd'T'HH:mm:ss",
          "yyyy-MM-dd HH:mm:ss.SSS",
          "yyyy-MM-dd'T'HH:mm:ss.SSS",
          "yyyy-MM-dd HH:mm",
          "yyyy-MM-dd'T'HH:mm",
          "yyyy/MM/dd HH:mm:ss",
          "yyyy/MM/dd HH:mm",
          "MM/dd/yyyy HH:mm:ss",
          "dd/MM/yyyy HH:mm:ss",
          "MM/dd/yyyy hh:mm:ss a",
          "dd/MM/yyyy hh:mm:ss a",
          "MM/dd/yyyy HH:mm",
          "dd/MM/yyyy HH:mm",
          "MM/dd/yyyy hh:mm a",
          "dd/MM/yyyy hh:mm a",
          "MM/dd/yyyy HH:mm:ss.SSS",
          "dd/MM/yyyy HH:mm:ss.SSS",
          "MM-dd-yyyy HH:mm:ss",
          "dd-MM-yyyy HH:mm:ss",
          "MM-dd-yyyy HH:mm",
          "dd-MM-yyyy HH:mm",
          "dd.MM.yyyy HH:mm:ss",
          "dd.MM.yyyy HH:mm",
          "M/d/yyyy H:mm[:ss]",
          "d/M/yyyy H:mm[:ss]",
          "M/d/yyyy h:mm[:ss] a",
          "d/M/yyyy h:mm[:ss] a",
          "d.M.yyyy H:mm[:ss]",
          "M/d/yy H:mm[:ss]",
          "d/M/yy H:mm[:ss]",
          "M/d/yy h:mm[:ss] a",
          "d/M/yy h:mm[:ss] a",
          "MMM dd yyyy HH:mm:ss",
          "MMM dd yyyy hh:mm a",
          "MMM dd yyyy hh:mma",
          "MMM d, yyyy h:mm[:ss] a",
          "MMM d, yyyy H:mm[:ss]",
          "d MMM yyyy HH:mm[:ss]",
          "dd-MMM-yyyy HH:mm:ss",
          "dd-MMM-yyyy hh:mm:ss a",
          ISO_DEFAULT);

  static final ValueParser[] DATES = parsers(ColumnType.Kind.DATE, DATE_FORMATS);
  static final ValueParser[] TIMESTAMPS = parsers(ColumnType.Kind.TIMESTAMP, TIMESTAMP_FORMATS);

  /** Each format's separators (what is neither letter nor digit), null for the ISO default. */
  static final String[] DATE_SEPARATORS = separators(DATE_FORMATS);

  static final String[] TIMESTAMP_SEPARATORS = separators(TIMESTAMP_FORMATS);

  /**
   * The separators of a value or a format, sorted and distinct: a cheap test that skips most
   * formats before parsing ({@code 03/07/2024 10:00} has {@code " /:"}).
   */
  static String separatorsOf(CharSequence v, boolean pattern) {
    java.util.BitSet seen = new java.util.BitSet(128);
    boolean quoted = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (pattern && c == '\'') {
        quoted = !quoted;
      } else if (!quoted
          && !Character.isLetterOrDigit(c)
          && c < 128
          && !(pattern && (c == '[' || c == ']'))) {
        seen.set(c);
      } else if (c >= 128) {
        return null; // no format here has such a character
      }
    }
    StringBuilder sb = new StringBuilder();
    seen.stream().forEach(c -> sb.append((char) c));
    return sb.toString();
  }

  private static String[] separators(List<String> formats) {
    return formats.stream()
        .map(f -> f.isEmpty() ? null : separatorsOf(f, true))
        .toArray(String[]::new);
  }

  /**
   * The same format with day and month swapped ({@code MM/dd/yyyy} and {@code dd/MM/yyyy}), or null
   * when it has no numeric month (a month name settles the order).
   */
  static String twin(String format) {
    if (format.contains("MMM") || !format.contains("M") || !format.contains("d")) {
      return null;
    }
    StringBuilder sb = new StringBuilder(format.length());
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      sb.append(c == 'M' ? 'd' : c == 'd' ? 'M' : c);
    }
    return sb.toString();
  }

  private Candidates() {}

  private static ValueParser[] parsers(ColumnType.Kind kind, List<String> formats) {
    return formats.stream()
        .map(
            f ->
                ValueParser.forType(
                    ColumnType.of(kind), f.isEmpty() ? List.of() : List.of(f), null))
        .toArray(ValueParser[]::new);
  }
}
