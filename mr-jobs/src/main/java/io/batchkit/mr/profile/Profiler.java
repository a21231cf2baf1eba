package io.batchkit.mr.profile;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.Outcome;
import io.batchkit.core.record.Records;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.RecordLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Profiles records, every column in one pass, free of Hadoop's task API (the configuration only
 * supplies the key of pseudonymised columns): the mapper runs one per task, the single-threaded
 * baseline one over all input. Records come through the front end ({@link Records}), so a column's
 * violations are counted by rule exactly as {@code clean} would quarantine them.
 */
public final class Profiler {
  private final Schema schema;
  private final Records records;
  private final ColumnProfile[] columns;
  private final Map<String, Long> recordViolations = new TreeMap<>();
  private final List<List<String>> bad;
  private final boolean[] badNull;
  private final KeyDistinct keys;
  private final StringBuilder text = new StringBuilder(64);
  private final int maxRecordBytes;
  private long read;
  private long valid;

  public Profiler(Schema schema, DatasetInput.Kind kind, Configuration conf) {
    this.schema = schema;
    this.records = DatasetInput.records(schema, kind, conf);
    this.maxRecordBytes = RecordLimits.max(conf);
    this.columns = new ColumnProfile[schema.columns().size()];
    this.bad = new ArrayList<>();
    this.badNull = new boolean[columns.length];
    int[] keyColumns = schema.keyIndexes();
    this.keys = keyColumns.length == 0 ? null : new KeyDistinct(keyColumns);
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new ColumnProfile(i, schema.columns().get(i).type());
      bad.add(new ArrayList<>());
    }
  }

  /** Profiles one record (header and blank lines of raw files are skipped, not counted). */
  public void record(long offset, byte[] bytes, int length) {
    Outcome outcome =
        offset < 0 // a record over --max-record-bytes (io.batchkit.mr.io.RecordLimits)
            ? records.tooLarge(bytes, length, maxRecordBytes)
            : records.read(offset, bytes, length);
    if (outcome == Outcome.HEADER || outcome == Outcome.BLANK) {
      return;
    }
    read++;
    Object[] row = records.values();
    if (outcome == Outcome.INVALID) {
      List<Violation> vs = records.violations();
      if (vs.get(0).column() == null) {
        // The record as a whole (field count, CSV syntax, encoding): no column to blame.
        recordViolations.merge(vs.get(0).rule().id(), 1L, Long::sum);
        return;
      }
      for (Violation v : vs) {
        int c = schema.columnIndex(v.column());
        bad.get(c).add(v.rule().id());
        // A required column's null is a null as well as a violation.
        badNull[c] |= v.rule() == Rule.REQUIRED;
      }
      profileRow(row);
      return;
    }
    valid++;
    if (keys != null) {
      keys.add(row);
    }
    profileRow(row);
  }

  private void profileRow(Object[] row) {
    for (int i = 0; i < columns.length; i++) {
      List<String> rules = bad.get(i);
      if (!rules.isEmpty()) {
        columns[i].violations(rules, badNull[i]);
        rules.clear();
        badNull[i] = false;
        continue;
      }
      Object v = row[i];
      String t = null;
      if (v instanceof String s) {
        t = s;
      } else if (v != null && columns[i].wantsText()) {
        text.setLength(0);
        RowFormat.appendValue(v, text);
        t = text.toString();
      }
      columns[i].value(v, t);
    }
  }

  public ColumnProfile[] columns() {
    return columns;
  }

  /** The rest of a file could not be read (--bad-files skip): one invalid record stands for it. */
  public void unreadableFile() {
    read++;
    recordViolations.merge(Rule.UNREADABLE_FILE.id(), 1L, Long::sum);
  }

  /** Lines handed in so far. */
  /** The next record is the first line of another file. */
  public void restartLines() {
    records.restartLines();
  }

  public long lines() {
    return records.lines();
  }

  public long read() {
    return read;
  }

  /** Records that broke no rule. */
  public long valid() {
    return valid;
  }

  /** Records rejected as a whole (field count, CSV syntax, encoding), by rule. */
  public Map<String, Long> recordViolations() {
    return recordViolations;
  }

  /** The distinct keys of the valid records, or null when the schema declares no keys. */
  public KeyDistinct keys() {
    return keys;
  }

  public Schema schema() {
    return schema;
  }
}
