package io.batchkit.mr.clean;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.common.ColumnSelection;
import io.batchkit.mr.common.QuarantineLines;
import io.batchkit.mr.io.RecordCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/** Writes clean rows (with a CSV header at the top of each file) and quarantine records. */
final class CleanOutput {
  private final MultipleOutputs<NullWritable, Text> outputs;
  private final String header;
  private final Map<String, String> bases = new HashMap<>();
  private final Text line = new Text();
  private final RecordCounter cleanCount;

  CleanOutput(TaskInputOutputContext<?, ?, NullWritable, Text> context, Schema schema) {
    this.cleanCount = new RecordCounter(context.getCounter(CleanCounter.CLEAN));
    this.outputs = new MultipleOutputs<>(context);
    RowFormat format =
        RowFormat.parse(context.getConfiguration().get(CleanConfigKeys.FORMAT, "text"));
    int[] kept = ColumnSelection.load(context.getConfiguration(), CleanConfigKeys.COLUMNS);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < (kept == null ? schema.columns().size() : kept.length); i++) {
      names.add(schema.columns().get(kept == null ? i : kept[i]).name());
    }
    this.header = format.header(names);
  }

  void clean(String partitionDir, byte[] row, int length) throws IOException, InterruptedException {
    String base = bases.get(partitionDir);
    if (base == null) {
      // Once per partition: a path string and a set lookup per record are measurable.
      base = partitionDir.isEmpty() ? "clean/part" : "clean/" + partitionDir + "/part";
      bases.put(partitionDir, base);
      if (header != null) {
        line.set(header);
        outputs.write(NullWritable.get(), line, base);
      }
    }
    line.set(row, 0, length);
    outputs.write(NullWritable.get(), line, base);
    cleanCount.increment();
  }

  /** Records how many lines a split holds, for {@link QuarantineLines}. */
  void lines(String file, long splitStart, long lines) throws IOException, InterruptedException {
    line.set((file + "\t" + splitStart + "\t" + lines).getBytes(StandardCharsets.UTF_8));
    outputs.write(NullWritable.get(), line, QuarantineLines.DIR + "/part");
  }

  void close() throws IOException, InterruptedException {
    cleanCount.flush();
    outputs.close();
  }

  MultipleOutputs<NullWritable, Text> outputs() {
    return outputs;
  }
}
