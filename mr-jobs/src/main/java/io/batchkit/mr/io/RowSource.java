package io.batchkit.mr.io;

import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.PartitionValues;
import io.batchkit.core.io.RowFormat;
import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.jobs.CleanRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one input record into typed values, Hadoop-free so that jobs, their single-threaded
 * baselines and tests share it: Hive text rows of a batchkit dataset are decoded; raw CSV goes
 * through {@code clean}'s own rules (header and blank lines skipped as {@code clean} skips them).
 */
public final class RowSource {
  /** What became of a record. */
  public enum Status {
    ROW,
    SKIPPED,
    INVALID
  }

  private final Schema schema;
  private final DatasetInput.Kind kind;
  private final CleanRecords raw;
  private final TextRowDecoder decoder;
  private final Object[] values;
  private final List<Violation> violations = new ArrayList<>();
  private final PartitionValues partitions;
  private final int partitionSource;
  private String text;

  public RowSource(Schema schema, DatasetInput.Kind kind) {
    this.schema = schema;
    this.kind = kind;
    this.raw = kind == DatasetInput.Kind.RAW ? new CleanRecords(schema, RowFormat.TEXT) : null;
    this.decoder = new TextRowDecoder(schema.columns().stream().map(Column::type).toList());
    this.values = new Object[schema.columns().size()];
    this.partitions = schema.partition() == null ? null : new PartitionValues(schema.partition());
    this.partitionSource =
        schema.partition() == null ? -1 : schema.columnIndex(schema.partition().from());
  }

  public Status read(long offset, byte[] bytes, int length) {
    text = null;
    if (kind == DatasetInput.Kind.RAW) {
      if ((offset == 0 && schema.format().header()) || raw.skipsBlank(length)) {
        return Status.SKIPPED;
      }
      if (!raw.parse(bytes, length)) {
        text = raw.text();
        return Status.INVALID;
      }
      System.arraycopy(raw.values(), 0, values, 0, values.length);
      return Status.ROW;
    }
    violations.clear();
    text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    try {
      decoder.decode(text, values);
      return Status.ROW;
    } catch (MalformedRecordException e) {
      violations.add(new Violation(null, Rule.MALFORMED, e.getMessage()));
      return Status.INVALID;
    }
  }

  public Object[] values() {
    return values;
  }

  /** The violations of the last INVALID record. */
  public List<Violation> violations() {
    return raw != null ? raw.violations() : violations;
  }

  /** The last INVALID record's text. */
  public String text() {
    return text;
  }

  /** The value of the schema's partition column for the current row, e.g. {@code 2024-01-31}. */
  public String partitionValue() {
    return partitions == null ? null : partitions.value(values[partitionSource]);
  }

  /** The partition directory for the current row, or "" without partitioning. */
  public String partitionDir() {
    return partitions == null ? "" : partitions.directory(values[partitionSource]);
  }

  /** Whether one record may span several lines (raw CSV of a multiline schema). */
  public boolean multilineRecords() {
    return kind == DatasetInput.Kind.RAW && schema.format().multiline();
  }

  public Schema schema() {
    return schema;
  }
}
