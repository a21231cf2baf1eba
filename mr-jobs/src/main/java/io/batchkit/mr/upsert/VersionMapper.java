package io.batchkit.mr.upsert;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.split.SplitAssigner;
import io.batchkit.mr.io.CsvSplit;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.RowMapper;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;

/** Emits every row of the snapshot (tag 0) and the batches (tags 1..n) under its key. */
public class VersionMapper extends RowMapper<Text, Version> {
  private int tag;
  private int[] keyColumns;
  private Object[] keyValues;
  private int order = -1;
  private int deleteColumn = -1;
  private String deleteValue;
  private final Text key = new Text();
  private final Version version = new Version();

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    Schema schema = JobSchema.load(conf);
    Path path = CsvSplit.segments(context.getInputSplit())[0].getPath();
    String wanted = path.toUri().getPath();
    DatasetInput.Kind kind = null;
    for (String line : conf.get(UpsertConfigKeys.SOURCES).split("\n")) {
      String[] f = line.split("\t", 3);
      if (f[2].equals(wanted)) {
        tag = Integer.parseInt(f[0]);
        kind = DatasetInput.Kind.valueOf(f[1]);
      }
    }
    if (kind == null) {
      throw new IllegalStateException("input " + wanted + " is not in the job's source list");
    }
    open(
        context,
        DatasetInput.records(schema, kind, conf),
        tag == 0 ? UpsertCounter.SNAPSHOT_READ : UpsertCounter.BATCH_READ,
        UpsertCounter.INVALID);
    keyColumns = schema.keyIndexes();
    keyValues = new Object[keyColumns.length];
    if (conf.get(UpsertConfigKeys.ORDER) != null) {
      order = schema.columnIndex(conf.get(UpsertConfigKeys.ORDER));
    }
    if (conf.get(UpsertConfigKeys.DELETE_COLUMN) != null) {
      deleteColumn = schema.columnIndex(conf.get(UpsertConfigKeys.DELETE_COLUMN));
      deleteValue = conf.get(UpsertConfigKeys.DELETE_VALUE, "true");
    }
  }

  @Override
  protected void row(Object[] row, long offset, Context context)
      throws IOException, InterruptedException {
    for (int i = 0; i < keyColumns.length; i++) {
      keyValues[i] = row[keyColumns[i]];
    }
    key.set(SplitAssigner.key(keyValues));
    version.tag = tag;
    version.offset = offset;
    version.order = order < 0 || row[order] == null ? null : text(row[order]);
    version.delete = deleteColumn >= 0 && deleteValue.equals(text(row[deleteColumn]));
    version.partition = rows.partitionDir();
    version.row = hiveText(row);
    context.write(key, version);
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    RowFormat.appendValue(v, s);
    return s.toString();
  }
}
