package io.batchkit.mr.io;

import io.batchkit.core.io.QuarantineRecord;
import io.batchkit.core.io.RowFormat;
import io.batchkit.core.rules.Violation;
import io.batchkit.mr.common.QuarantineLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Writes a task's rows as a batchkit dataset: Hive text under {@code <dir>/<partition>/part-*}, and
 * records that could not be used as JSON lines under {@code quarantine/}.
 */
public final class DatasetOutput {
  private final MultipleOutputs<NullWritable, Text> outputs;
  private final StringBuilder row = new StringBuilder(256);
  private final Text line = new Text();

  @SuppressWarnings("unchecked")
  public DatasetOutput(TaskInputOutputContext<?, ?, ?, ?> context) {
    this.outputs =
        new MultipleOutputs<>((TaskInputOutputContext<?, ?, NullWritable, Text>) context);
  }

  /** Writes one row under {@code dir} (e.g. {@code data}) in its partition directory. */
  public void row(String dir, String partitionDir, Object[] values)
      throws IOException, InterruptedException {
    row.setLength(0);
    RowFormat.TEXT.append(values, row);
    line(dir, partitionDir, row.toString());
  }

  /** Writes one already formatted row. */
  public void line(String dir, String partitionDir, String text)
      throws IOException, InterruptedException {
    line.set(text.getBytes(StandardCharsets.UTF_8));
    outputs.write(
        NullWritable.get(),
        line,
        partitionDir.isEmpty() ? dir + "/part" : dir + "/" + partitionDir + "/part");
  }

  /**
   * A record that cannot be used, with where it was read: its line counts from the split's first
   * line (0: not known) until {@link QuarantineLines} makes it count from the file's.
   */
  public void quarantine(
      String file, long lineNumber, long offset, String raw, List<Violation> violations)
      throws IOException, InterruptedException {
    String json = QuarantineRecord.toJson(file, lineNumber, offset, raw, null, 0, violations);
    line.set(json.getBytes(StandardCharsets.UTF_8));
    outputs.write(NullWritable.get(), line, "quarantine/part");
  }

  /** How many lines a task's split held, for {@link QuarantineLines}. */
  public void lines(String file, long splitStart, long lines)
      throws IOException, InterruptedException {
    line.set((file + "\t" + splitStart + "\t" + lines).getBytes(StandardCharsets.UTF_8));
    outputs.write(NullWritable.get(), line, QuarantineLines.DIR + "/part");
  }

  public void close() throws IOException, InterruptedException {
    outputs.close();
  }
}
