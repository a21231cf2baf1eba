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

  /** Date formats; when several fit every value, the first is proposed. */
  public static final List<String> DATE_FORMATS =
      List.of(
          "yyyy-MM-dd",
          "MM/dd/yyyy",
          "dd/MM/yyyy",
          "M/d/yyyy",
          "dd.MM.yyyy",
          "MMM dd yyyy",
          "dd-MMM-yyyy",
          "yyyy/MM/dd");

  /**
   * The timestamp default (no {@code formats}): ISO 8601 with {@code T} or a space, any fraction,
   * an offset or {@code Z}. Last, so that a column all one pattern reads still gets that pattern.
   */
  public static final String ISO_DEFAULT = "";

  /** Timestamp formats, with and without seconds, 24-hour or AM/PM (at most 31: a bit each). */
  public static final List<String> TIMESTAMP_FORMATS =
      List.of(
          "yyyy-MM-dd HH:mm:ss",
          "yyyy-MM-dd'T'HH:mm:ss",
          "yyyy-MM-dd HH:mm:ss.SSS",
          "yyyy-MM-dd'T'HH:mm:ss.SSS",
          "yyyy-MM-dd HH:mm",
          "yyyy-MM-dd'T'HH:mm",
          "MM/dd/yyyy HH:mm:ss",
          "MM/dd/yyyy hh:mm:ss a",
          "MM/dd/yyyy HH:mm",
          "MM/dd/yyyy hh:mm a",
          "M/d/yyyy H:mm",
          "M/d/yyyy h:mm a",
          "dd/MM/yyyy HH:mm:ss",
          "dd.MM.yyyy HH:mm:ss",
          "dd.MM.yyyy HH:mm",
          "MMM dd yyyy HH:mm:ss",
          "MMM dd yyyy hh:mm a",
          "MMM dd yyyy hh:mma",
          ISO_DEFAULT);

  static final ValueParser[] DATES = parsers(ColumnType.Kind.DATE, DATE_FORMATS);
  static final ValueParser[] TIMESTAMPS = parsers(ColumnType.Kind.TIMESTAMP, TIMESTAMP_FORMATS);

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
