package io.batchkit.mr.aggregate;

import io.batchkit.core.io.PartitionValues;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaWriter;
import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.HourlyOffsets;
import io.batchkit.mr.common.UsageException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grouping columns: a column as it is, a timestamp or date truncated to {@code hour}, {@code
 * day}, {@code month} or {@code year} ({@code pickup_at:day}; a month or year is named by its first
 * day, as Hive's {@code trunc}), or the schema's partition column ({@code dt}). Timestamps are
 * stored in UTC; they are bucketed in the given zone's calendar.
 */
public final class GroupBy {
  /** One grouping column. */
  record Part(String name, int column, String bucket, boolean partition, ColumnType type) {}

  private final List<Part> parts;
  private final HourlyOffsets zone;
  private final PartitionValues partitions;
  private final int partitionSource;
  private final Object[] keyValues;

  private GroupBy(List<Part> parts, ZoneId zone, Schema schema) {
    this.parts = parts;
    this.zone = new HourlyOffsets(zone);
    this.partitions = schema.partition() == null ? null : new PartitionValues(schema.partition());
    this.partitionSource =
        schema.partition() == null ? -1 : schema.columnIndex(schema.partition().from());
    this.keyValues = new Object[parts.size()];
  }

  /**
   * @param zone the zone for time buckets; null means the schema's partition time zone, else UTC
   */
  public static GroupBy parse(String job, List<String> specs, String zone, Schema schema)
      throws UsageException {
    ZoneId z;
    try {
      z =
          zone != null
              ? ZoneId.of(zone)
              : schema.partition() != null ? schema.partition().timezone() : ZoneOffset.UTC;
    } catch (RuntimeException e) {
      throw new UsageException(job + ": --timezone: unknown zone '" + zone + "'");
    }
    List<Part> parts = new ArrayList<>();
    for (String spec : specs) {
      String[] nb = spec.split(":", 2);
      String name = nb[0];
      String bucket = nb.length > 1 ? nb[1].toLowerCase(Locale.ROOT) : null;
      if (schema.partition() != null && name.equals(schema.partition().name()) && bucket == null) {
        parts.add(new Part(name, -1, null, true, ColumnType.of(ColumnType.Kind.STRING)));
        continue;
      }
      int c = schema.columnIndex(name);
      if (c < 0) {
        throw new UsageException(
            job + ": --group-by: no column '" + name + "' in " + schema.name());
      }
      ColumnType type = schema.columns().get(c).type();
      if (bucket != null) {
        if (!List.of("hour", "day", "month", "year").contains(bucket)) {
          throw new UsageException(
              job + ": --group-by " + spec + ": the bucket must be hour, day, month or year");
        }
        if (!type.isTemporal() || (bucket.equals("hour") && type.kind() == ColumnType.Kind.DATE)) {
          throw new UsageException(
              job + ": --group-by " + spec + ": " + name + " is " + type + ", not a timestamp");
        }
        type =
            bucket.equals("hour")
                ? ColumnType.of(ColumnType.Kind.TIMESTAMP)
                : ColumnType.of(ColumnType.Kind.DATE);
        name = name + "_" + bucket;
      }
      parts.add(new Part(name, c, bucket, false, type));
    }
    return new GroupBy(parts, z, schema);
  }

  /** The group's values for a row (reused array). */
  public Object[] values(Object[] row) {
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      if (p.partition()) {
        keyValues[i] = partitions.value(row[partitionSource]);
      } else {
        keyValues[i] = p.bucket() == null ? row[p.column()] : bucket(row[p.column()], p.bucket());
      }
    }
    return keyValues;
  }

  private Object bucket(Object v, String bucket) {
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDate d) {
      return truncated(d, bucket);
    }
    LocalDateTime local = zone.toLocal((LocalDateTime) v);
    return bucket.equals("hour")
        ? local.truncatedTo(ChronoUnit.HOURS)
        : truncated(local.toLocalDate(), bucket);
  }

  private static LocalDate truncated(LocalDate d, String bucket) {
    return switch (bucket) {
      case "month" -> d.withDayOfMonth(1);
      case "year" -> d.withDayOfYear(1);
      default -> d;
    };
  }

  public List<Column> columns() {
    List<Column> out = new ArrayList<>();
    for (Part p : parts) {
      out.add(SchemaWriter.plainColumn(p.name(), p.type(), null));
    }
    return out;
  }

  public int size() {
    return parts.size();
  }
}
