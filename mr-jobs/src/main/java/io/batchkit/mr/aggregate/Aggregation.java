package io.batchkit.mr.aggregate;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaWriter;
import io.batchkit.core.types.ColumnType;
import io.batchkit.mr.common.UsageException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What {@code aggregate} computes, free of Hadoop: the filter, the group key of a row and the
 * metrics, shared by the job and its single-threaded baseline.
 */
public final class Aggregation {

  private final List<Metric> metrics;
  private final GroupBy groupBy;
  private final Filter filter;
  private final boolean sketches;
  private final StringBuilder key = new StringBuilder(64);
  private final GroupKey probe = new GroupKey();

  /**
   * @param sketches whether approx metrics also output their sketch (base64), for Hive's {@code
   *     ds_hll_*} / {@code ds_kll_*} functions over {@code unbase64(col)}
   */
  public Aggregation(List<Metric> metrics, GroupBy groupBy, Filter filter, boolean sketches) {
    this.metrics = metrics;
    this.groupBy = groupBy;
    this.filter = filter;
    this.sketches = sketches;
  }

  public static Aggregation parse(
      String job,
      Schema schema,
      String metrics,
      List<String> groupBy,
      String filter,
      String zone,
      boolean sketches)
      throws UsageException {
    return new Aggregation(
        Metric.parseAll(job, metrics, schema),
        GroupBy.parse(job, groupBy, zone, schema),
        Filter.parse(job, filter, schema),
        sketches);
  }

  /** Metrics from a configuration that the client already checked. */
  static List<Metric> metrics(Schema schema, String spec) {
    try {
      return Metric.parseAll("aggregate", spec, schema);
    } catch (UsageException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public boolean accepts(Object[] row) {
    return filter.test(row);
  }

  /** The row's group, as the Hive text of its grouping values ("" without --group-by). */
  public String key(Object[] row) {
    return text(groupBy.values(row));
  }

  /** The row's group as a hash key, reused by the next call ({@link GroupKey#copy} keeps it). */
  public GroupKey group(Object[] row) {
    return probe.set(groupBy.values(row));
  }

  /** A group's key as the Hive text of its grouping values ("" without --group-by). */
  public String key(GroupKey group) {
    return text(group.values());
  }

  private String text(Object[] groupValues) {
    key.setLength(0);
    if (groupBy.size() > 0) {
      RowFormat.TEXT.append(groupValues, key);
    }
    return key.toString();
  }

  public List<Metric> metrics() {
    return metrics;
  }

  /** Appends a group's result row (group columns, then metrics) in Hive text form. */
  public String result(String key, Partials partials) {
    StringBuilder sb = new StringBuilder(key.length() + 16 * metrics.size());
    sb.append(key);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < partials.size(); i++) {
      Accumulator a = partials.get(i);
      values.add(a.result());
      if (sketches && a instanceof ApproxDistinct d) {
        values.add(Base64.getEncoder().encodeToString(d.sketch()));
      } else if (sketches && a instanceof ApproxQuantile q) {
        values.add(Base64.getEncoder().encodeToString(q.sketch()));
      }
    }
    if (groupBy.size() > 0) {
      sb.append(RowFormat.TEXT_DELIMITER);
    }
    RowFormat.TEXT.append(values.toArray(), sb);
    return sb.toString();
  }

  /** The result's columns: the groups' then one per metric. */
  public List<Column> columns() {
    List<Column> out = new ArrayList<>(groupBy.columns());
    for (Metric m : metrics) {
      out.add(SchemaWriter.plainColumn(m.name(), m.resultType(), null));
      if (sketches
          && (m.function() == Metric.Function.APPROX_DISTINCT
              || m.function() == Metric.Function.APPROX_QUANTILE)) {
        out.add(
            SchemaWriter.plainColumn(
                m.name() + "_sketch",
                ColumnType.of(ColumnType.Kind.STRING),
                "base64 DataSketches image; in Hive: unbase64(" + m.name() + "_sketch)"));
      }
    }
    return out;
  }
}
