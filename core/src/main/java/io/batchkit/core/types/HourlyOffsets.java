package io.batchkit.core.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;

/**
 * A zone's UTC offsets, looked up in {@link ZoneRules} once per hour of the calendar rather than
 * once per value: a column of timestamps in New York time asked the rules for every row (6% of an
 * aggregate's CPU). An hour is remembered only when one offset holds through all of it, so a
 * daylight-saving gap or overlap is always answered by the rules themselves. Each slot is one long
 * (hour and offset together), so tasks sharing an instance never read half an entry.
 */
public final class HourlyOffsets {
  /** {@link #ofLocal}'s answer for a local time that does not exist in the zone. */
  public static final int NONEXISTENT = Integer.MIN_VALUE;

  private static final int SLOTS = 1 << 12;
  private static final long EMPTY = Long.MIN_VALUE;
  private static final int OFFSET_BITS = 20; // offsets lie within +-18 h = +-64,800 s < 2^19

  private final ZoneRules rules;
  private final boolean fixed;
  private final int fixedOffset;
  private final long[] local = new long[SLOTS];
  private final long[] utc = new long[SLOTS];

  public HourlyOffsets(ZoneId zone) {
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset();
    this.fixedOffset = rules.getOffset(Instant.EPOCH).getTotalSeconds();
    Arrays.fill(local, EMPTY);
    Arrays.fill(utc, EMPTY);
  }

  /**
   * The offset (seconds) of a local time in the zone: in an overlap the earlier one, as {@link
   * java.time.ZonedDateTime#of} takes; {@link #NONEXISTENT} inside a gap.
   */
  public int ofLocal(LocalDateTime time) {
    if (fixed) {
      return fixedOffset;
    }
    long hour = Math.floorDiv(time.toEpochSecond(ZoneOffset.UTC), 3600);
    int slot = (int) (hour & (SLOTS - 1));
    long entry = local[slot];
    if (entry != EMPTY && hourOf(entry) == hour) {
      return offsetOf(entry);
    }
    List<ZoneOffset> valid = rules.getValidOffsets(time);
    if (valid.size() != 1) {
      return valid.isEmpty() ? NONEXISTENT : valid.get(0).getTotalSeconds();
    }
    int offset = valid.get(0).getTotalSeconds();
    LocalDateTime start = LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC);
    List<ZoneOffset> first = rules.getValidOffsets(start);
    List<ZoneOffset> last = rules.getValidOffsets(start.plusNanos(3_599_999_999_999L));
    if (first.size() == 1 && last.size() == 1 && first.get(0).equals(last.get(0))) {
      local[slot] = entry(hour, offset);
    }
    return offset;
  }

  /** The offset (seconds) in force at an instant given as seconds since the epoch. */
  public int ofUtc(long epochSecond) {
    if (fixed) {
      return fixedOffset;
    }
    long hour = Math.floorDiv(epochSecond, 3600);
    int slot = (int) (hour & (SLOTS - 1));
    long entry = utc[slot];
    if (entry != EMPTY && hourOf(entry) == hour) {
      return offsetOf(entry);
    }
    Instant start = Instant.ofEpochSecond(hour * 3600);
    int offset = rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    ZoneOffsetTransition next = rules.nextTransition(start);
    if (next == null || next.toEpochSecond() >= (hour + 1) * 3600) {
      if (rules.getOffset(start).getTotalSeconds() == offset) {
        utc[slot] = entry(hour, offset);
      }
    }
    return offset;
  }

  /** A UTC time as the zone's local time. */
  public LocalDateTime toLocal(LocalDateTime utcTime) {
    return fixed && fixedOffset == 0
        ? utcTime
        : utcTime.plusSeconds(ofUtc(utcTime.toEpochSecond(ZoneOffset.UTC)));
  }

  private static long entry(long hour, int offset) {
    return (hour << OFFSET_BITS) | (offset + (1 << (OFFSET_BITS - 1)));
  }

  private static long hourOf(long entry) {
    return entry >> OFFSET_BITS;
  }

  private static int offsetOf(long entry) {
    return (int) (entry & ((1 << OFFSET_BITS) - 1)) - (1 << (OFFSET_BITS - 1));
  }
}
