package io.batchkit.core.schema;

import java.time.ZoneId;
import java.util.Locale;

/**
 * Hive-style output partitioning: rows go to {@code name=value/} directories, the value derived
 * from column {@code from}.
 *
 * @param name partition column name, as in {@code dt=2024-01-31}
 * @param from the source column
 * @param granularity for date and timestamp columns; {@link Granularity#IDENTITY} otherwise
 * @param timezone the zone whose calendar day (month, ...) a timestamp falls in; timestamps are
 *     stored in UTC, so this defaults to UTC
 */
public record PartitionSpec(String name, String from, Granularity granularity, ZoneId timezone) {

  /** How a date or timestamp is truncated to a partition value. */
  public enum Granularity {
    IDENTITY,
    YEAR,
    MONTH,
    DAY,
    HOUR;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Granularity parse(String text) {
      for (Granularity g : values()) {
        if (g.key().equals(text)) {
          return g;
        }
      }
      throw new IllegalArgumentException(
          "unknown granularity '" + text + "' (expected year, month, day, hour, identity)");
    }
  }
}
