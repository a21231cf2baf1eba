package io.batchkit.mr.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exact row counts of a date or timestamp column per hour, day, month or year: the data behind its
 * time series. Timestamps start by the hour, dates by the day; a column whose values fall in more
 * than {@link #MAX_BUCKETS} buckets moves to the next coarser unit, so the state stays small
 * whatever the data. Mergeable: two partial counts merge at the coarser unit of the two.
 */
final class TimeCounts {
  enum Unit {
    HOUR,
    DAY,
    MONTH,
    YEAR
  }

  static final int MAX_BUCKETS = 20_000;

  /** The most bars a time series draws: the unit is the finest that keeps within it. */
  static final int MAX_SERIES = 400;

  private Unit unit;
  private LongCounts counts = new LongCounts();

  TimeCounts(boolean timestamps) {
    unit = timestamps ? Unit.HOUR : Unit.DAY;
  }

  void add(Object v) {
    long key =
        switch (unit) {
          case HOUR -> Math.floorDiv(((LocalDateTime) v).toEpochSecond(ZoneOffset.UTC), 3600L);
          case DAY -> epochDay(v);
          case MONTH -> month(epochDay(v));
          case YEAR -> year(epochDay(v));
        };
    counts.add(key, 1);
    if (counts.size() > MAX_BUCKETS && unit != Unit.YEAR) {
      coarsen(Unit.values()[unit.ordinal() + 1]);
    }
  }

  void merge(TimeCounts o) {
    Unit target = unit.ordinal() >= o.unit.ordinal() ? unit : o.unit;
    coarsen(target);
    LongCounts other = convert(o.counts, o.unit, target);
    other.forEach(counts::add);
    if (counts.size() > MAX_BUCKETS && unit != Unit.YEAR) {
      coarsen(Unit.values()[unit.ordinal() + 1]);
    }
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(unit.ordinal());
    out.writeInt(counts.size());
    IOException[] failed = new IOException[1];
    counts.forEach(
        (k, n) -> {
          try {
            out.writeLong(k);
            out.writeLong(n);
          } catch (IOException e) {
            failed[0] = e;
          }
        });
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  void read(DataInput in) throws IOException {
    unit = Unit.values()[in.readByte()];
    counts = new LongCounts();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      counts.add(in.readLong(), in.readLong());
    }
  }

  /**
   * The series at the finest unit that draws at most {@link #MAX_SERIES} buckets, empty buckets
   * included (a gap in the data is a bar of zero), or null when there is no value.
   */
  Map<String, Object> summary(boolean timestamps) {
    if (counts.size() == 0) {
      return null;
    }
    Unit show = unit;
    long[] range = range(counts);
    while (show != Unit.YEAR && range[1] - range[0] + 1 > MAX_SERIES) {
      Unit next = Unit.values()[show.ordinal() + 1];
      range = new long[] {convert(range[0], show, next), convert(range[1], show, next)};
      show = next;
    }
    LongCounts shown = convert(counts, unit, show);
    long[] values = new long[(int) Math.min(Integer.MAX_VALUE - 8, range[1] - range[0] + 1)];
    long first = range[0];
    shown.forEach(
        (k, n) -> {
          if (k - first < values.length) {
            values[(int) (k - first)] += n;
          }
        });
    List<String> starts = new ArrayList<>(values.length);
    List<Long> bucketCounts = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      starts.add(label(first + i, show));
      bucketCounts.add(values[i]);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unit", show.name().toLowerCase(Locale.ROOT));
    if (timestamps) {
      m.put("timezone", "UTC");
    }
    m.put("starts", starts);
    m.put("counts", bucketCounts);
    return m;
  }

  private void coarsen(Unit target) {
    if (target != unit) {
      counts = convert(counts, unit, target);
      unit = target;
    }
  }

  private static LongCounts convert(LongCounts c, Unit from, Unit to) {
    return from == to ? c : c.map(k -> convert(k, from, to));
  }

  private static long convert(long key, Unit from, Unit to) {
    long k = key;
    for (int u = from.ordinal(); u < to.ordinal(); u++) {
      k =
          switch (Unit.values()[u]) {
            case HOUR -> Math.floorDiv(k, 24L);
            case DAY -> month(k);
            case MONTH -> Math.floorDiv(k, 12L);
            case YEAR -> k;
          };
    }
    return k;
  }

  private static long[] range(LongCounts c) {
    long[] r = {Long.MAX_VALUE, Long.MIN_VALUE};
    c.forEach(
        (k, n) -> {
          r[0] = Math.min(r[0], k);
          r[1] = Math.max(r[1], k);
        });
    return r;
  }

  private static long epochDay(Object v) {
    return v instanceof LocalDate d
        ? d.toEpochDay()
        : ((LocalDateTime) v).toLocalDate().toEpochDay();
  }

  private static long month(long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    return d.getYear() * 12L + d.getMonthValue() - 1;
  }

  private static long year(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).getYear();
  }

  private static String label(long key, Unit unit) {
    return switch (unit) {
      case HOUR -> LocalDateTime.ofEpochSecond(key * 3600, 0, ZoneOffset.UTC).toString();
      case DAY -> LocalDate.ofEpochDay(key).toString();
      case MONTH ->
          String.format(
              Locale.ROOT, "%04d-%02d", Math.floorDiv(key, 12L), Math.floorMod(key, 12L) + 1);
      case YEAR -> String.format(Locale.ROOT, "%04d", key);
    };
  }
}
