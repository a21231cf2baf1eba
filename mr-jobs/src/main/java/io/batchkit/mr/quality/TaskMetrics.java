package io.batchkit.mr.quality;

import io.batchkit.core.schema.Schema;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The column metrics of one task, measured over the valid records it reads and written when it ends
 * into its attempt's work directory ({@code _metrics/}), so the output committer keeps exactly one
 * copy per task however many attempts ran. The driver merges them after the job ({@link #collect})
 * and deletes them.
 */
public final class TaskMetrics {
  /** Whether a job measures column metrics (checks, history or incremental runs ask for them). */
  public static final String ENABLED = "batchkit.metrics.columns";

  static final String DIR = "_metrics";

  private final ColumnMetrics[] columns;

  public TaskMetrics(Schema schema) {
    columns = new ColumnMetrics[schema.columns().size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new ColumnMetrics(schema.columns().get(i).type());
    }
  }

  /** The task's metrics, or null when the job does not measure them. */
  public static TaskMetrics forTask(Configuration conf, Schema schema) {
    return conf.getBoolean(ENABLED, false) ? new TaskMetrics(schema) : null;
  }

  /** A valid record's typed values, in schema order. */
  public void add(Object[] values) {
    for (int i = 0; i < columns.length; i++) {
      columns[i].add(values[i]);
    }
  }

  /** Written last in the task, beside its output (committed with it). */
  public void write(TaskInputOutputContext<?, ?, ?, ?> context)
      throws IOException, InterruptedException {
    Path dir = new Path(FileOutputFormat.getWorkOutputPath(context), DIR);
    Path file = new Path(dir, context.getTaskAttemptID().getTaskID().toString());
    FileSystem fs = file.getFileSystem(context.getConfiguration());
    try (DataOutputStream out = fs.create(file, true)) {
      for (ColumnMetrics c : columns) {
        c.write(out);
      }
    }
  }

  /** Merges every task's metrics under {@code output} and deletes them; null when none. */
  public static ColumnMetrics[] collect(Path output, Schema schema, Configuration conf)
      throws IOException {
    Path dir = new Path(output, DIR);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return null;
    }
    TaskMetrics all = new TaskMetrics(schema);
    for (FileStatus f : fs.listStatus(dir)) {
      TaskMetrics one = new TaskMetrics(schema);
      try (DataInputStream in = fs.open(f.getPath())) {
        for (ColumnMetrics c : one.columns) {
          c.read(in);
        }
      }
      for (int i = 0; i < all.columns.length; i++) {
        all.columns[i].merge(one.columns[i]);
      }
    }
    fs.delete(dir, true);
    return all.columns;
  }
}
