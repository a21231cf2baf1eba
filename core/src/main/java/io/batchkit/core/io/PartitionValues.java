package io.batchkit.core.io;

import io.batchkit.core.schema.PartitionSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * Turns a row's partition column into the {@code name=value} directory Hive expects, escaping as
 * Hive's {@code FileUtils.escapePathName} does so that {@code MSCK REPAIR TABLE} finds the same
 * value again.
 */
public final class PartitionValues {
  /** Hive's name for the partition of rows whose partition value is null. */
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private static final BitSet ESCAPE = new BitSet(128);

  static {
    for (char c = 0; c < ' '; c++) {
      ESCAPE.set(c);
    }
    for (char c : "\"#%'*/:=?\\\u007F{[]^".toCharArray()) {
      ESCAPE.set(c);
    }
  }

  private final PartitionSpec spec;
  private final boolean utc;
  // The last timestamp bucket: [from, until) in UTC and its value. Files are mostly in time
  // order, so this saves a time-zone conversion per row.
  private LocalDateTime cachedFrom;
  private LocalDateTime cachedUntil;
  private String cachedValue;
  private LocalDate cachedDay;
  // The last directory: rows of one partition come in runs, and a string per row is measurable.
  private String lastValue;
  private String lastDirectory;

  public PartitionValues(PartitionSpec spec) {
    this.spec = spec;
    this.utc = spec.timezone().normalized().equals(ZoneOffset.UTC);
  }

  /** The directory, e.g. {@code dt=2024-01-31}, for a typed value of the source column. */
  public String directory(Object value) {
    String v = value(value);
    if (!v.equals(lastValue)) {
      lastValue = v;
      lastDirectory = spec.name() + "=" + v;
    }
    return lastDirectory;
  }

  public String value(Object value) {
    if (value == null) {
      return DEFAULT_PARTITION;
    }
    if (value instanceof LocalDateTime t) {
      return timestampValue(t);
    }
    StringBuilder sb = new StringBuilder(16);
    if (value instanceof LocalDate d) {
      truncate(d, 0, sb);
    } else {
      StringBuilder raw = new StringBuilder();
      RowFormat.appendValue(value, raw);
      escape(raw, sb);
    }
    return sb.toString();
  }

  private String timestampValue(LocalDateTime t) {
    // Daily buckets in UTC: the parser hands consecutive values of one day the same LocalDate, so
    // one comparison of references stands for the two of the range below.
    if (t.toLocalDate() == cachedDay) {
      return cachedValue;
    }
    if (cachedFrom != null && !t.isBefore(cachedFrom) && t.isBefore(cachedUntil)) {
      return cachedValue;
    }
    LocalDateTime local =
        utc ? t : t.atOffset(ZoneOffset.UTC).atZoneSameInstant(spec.timezone()).toLocalDateTime();
    LocalDateTime start =
        switch (spec.granularity()) {
          case YEAR -> local.toLocalDate().withDayOfYear(1).atStartOfDay();
          case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay();
          case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
          default -> local.toLocalDate().atStartOfDay();
        };
    LocalDateTime end =
        switch (spec.granularity()) {
          case YEAR -> start.plusYears(1);
          case MONTH -> start.plusMonths(1);
          case HOUR -> start.plusHours(1);
          default -> start.plusDays(1);
        };
    StringBuilder sb = new StringBuilder(16);
    truncate(local.toLocalDate(), local.getHour(), sb);
    String v = sb.toString();
    if (!utc) {
      start = toUtc(start);
      end = toUtc(end);
    }
    // A bucket that a daylight-saving shift makes odd (it would be empty) is simply not cached.
    if (!t.isBefore(start) && t.isBefore(end)) {
      cachedFrom = start;
      cachedUntil = end;
      cachedValue = v;
      cachedDay =
          utc && spec.granularity() == PartitionSpec.Granularity.DAY ? t.toLocalDate() : null;
    }
    return v;
  }

  private LocalDateTime toUtc(LocalDateTime local) {
    return local
        .atZone(spec.timezone())
        .withEarlierOffsetAtOverlap()
        .toOffsetDateTime()
        .atZoneSameInstant(ZoneOffset.UTC)
        .toLocalDateTime();
  }

  private void truncate(LocalDate d, int hour, StringBuilder sb) {
    switch (spec.granularity()) {
      case YEAR -> sb.append(String.format("%04d", d.getYear()));
      case MONTH -> sb.append(String.format("%04d-%02d", d.getYear(), d.getMonthValue()));
      case HOUR -> {
        RowFormat.appendDate(d, sb);
        sb.append(String.format("-%02d", hour));
      }
      default -> RowFormat.appendDate(d, sb);
    }
  }

  private static void escape(CharSequence s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128 && ESCAPE.get(c)) {
        sb.append('%').append(String.format("%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
  }
}
