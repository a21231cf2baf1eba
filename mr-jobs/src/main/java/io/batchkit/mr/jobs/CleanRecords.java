package io.batchkit.mr.jobs;

import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.PartitionValues;
import io.batchkit.core.io.RecordDecoder;
import io.batchkit.core.io.RowFormat;
import io.batchkit.core.rules.RowCleaner;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-record work of {@code clean}, free of Hadoop types so that the job, the single-threaded
 * benchmark baseline and tests run exactly the same steps: decode, split, clean, format.
 */
public final class CleanRecords {
  private final Schema schema;
  private final RecordDecoder decoder;
  private final CsvRecordParser parser;
  private final RowCleaner cleaner;
  private final RowFormat format;
  private final PartitionValues partitions;
  private final int partitionColumn;
  private final int[] keyColumns;
  private final Object[] values;
  private final Object[] keyValues;
  private final List<Violation> violations = new ArrayList<>();
  private final StringBuilder row = new StringBuilder(256);
  private final StringBuilder key = new StringBuilder(64);
  private String text;
  private boolean invalidBytes;

  public CleanRecords(Schema schema, RowFormat format) {
    this.schema = schema;
    this.decoder = new RecordDecoder(schema.format().encoding());
    this.parser = new CsvRecordParser(schema.format());
    this.cleaner = new RowCleaner(schema);
    this.format = format;
    this.partitions = schema.partition() == null ? null : new PartitionValues(schema.partition());
    this.partitionColumn =
        schema.partition() == null ? -1 : schema.columnIndex(schema.partition().from());
    int[] keys = schema.keyIndexes();
    if (keys.length == 0) {
      // Without declared keys, duplicates are whole-row duplicates.
      keys = new int[schema.columns().size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = i;
      }
    }
    this.keyColumns = keys;
    this.values = new Object[schema.columns().size()];
    this.keyValues = new Object[keys.length];
  }

  /** Whether an empty record is no record at all (any schema but a one-column one). */
  public boolean skipsBlank(int length) {
    return length == 0 && values.length > 1;
  }

  /**
   * Processes one record's bytes.
   *
   * @return true if the record is clean; then {@link #row()}, {@link #partitionDir()} and {@link
   *     #key()} describe it, else {@link #violations()} and {@link #text()} do
   */
  public boolean process(byte[] bytes, int length) {
    if (!parse(bytes, length)) {
      return false;
    }
    row.setLength(0);
    format.append(values, row);
    return true;
  }

  /**
   * Decodes, parses and checks one record without formatting it.
   *
   * @return true if the record is clean; then {@link #values()} holds its typed values
   */
  public boolean parse(byte[] bytes, int length) {
    violations.clear();
    invalidBytes = false;
    text = decoder.decode(bytes, length);
    if (text.indexOf('\uFFFD') >= 0) {
      int at = decoder.invalidAt(bytes, length);
      if (at >= 0) {
        invalidBytes = true;
        violations.add(
            new Violation(
                null,
                Rule.ENCODING,
                String.format(
                    "byte 0x%02X at byte %d is not valid %s",
                    bytes[at] & 0xFF, at, schema.format().encoding().name())));
        return false;
      }
    }
    try {
      return cleaner.clean(parser.parse(text), values, violations);
    } catch (MalformedRecordException e) {
      violations.add(new Violation(null, Rule.MALFORMED, e.getMessage()));
      return false;
    }
  }

  /** The typed values of the current record (reused for the next record). */
  public Object[] values() {
    return values;
  }

  public String row() {
    return row.toString();
  }

  /** The Hive partition directory of the current clean row, or "" without partitioning. */
  public String partitionDir() {
    return partitions == null ? "" : partitions.directory(values[partitionColumn]);
  }

  /** The dedupe key of the current clean row: its key columns in Hive text form (unambiguous). */
  public String key() {
    for (int i = 0; i < keyColumns.length; i++) {
      keyValues[i] = values[keyColumns[i]];
    }
    key.setLength(0);
    RowFormat.TEXT.append(keyValues, key);
    return key.toString();
  }

  public List<Violation> violations() {
    return violations;
  }

  /** The current record's text as decoded (bad bytes as U+FFFD). */
  public String text() {
    return text;
  }

  /** Whether the current record had bytes invalid in the schema's encoding. */
  public boolean invalidBytes() {
    return invalidBytes;
  }

  public Schema schema() {
    return schema;
  }

  public RowFormat format() {
    return format;
  }
}
