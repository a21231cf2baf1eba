package io.batchkit.mr.clean;

import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.PartitionedRow;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/** Keeps the first record of each key (file/line order); counts the rest as duplicates. */
public class DedupeReducer extends Reducer<DedupeKey, PartitionedRow, NullWritable, Text> {
  private CleanOutput output;
  private Counter duplicates;
  private boolean stallMidway;

  @Override
  protected void setup(Context context) {
    output = new CleanOutput(context, JobSchema.load(context.getConfiguration()));
    duplicates = context.getCounter(CleanCounter.DUPLICATES);
    stallMidway = TaskFaults.stallsMidway(context);
  }

  @Override
  protected void reduce(DedupeKey key, Iterable<PartitionedRow> rows, Context context)
      throws IOException, InterruptedException {
    boolean first = true;
    for (PartitionedRow r : rows) {
      if (first) {
        output.clean(r.partition().toString(), r.row().toString());
        first = false;
      } else {
        duplicates.increment(1);
      }
    }
    if (stallMidway) {
      stallMidway = false;
      TaskFaults.stall();
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    output.close();
    TaskFaults.atEnd(context);
  }
}
