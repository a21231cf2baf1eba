package io.batchkit.mr.clean;

import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/** Keeps the first record of each key (file/line order); counts the rest as duplicates. */
public class DedupeReducer extends Reducer<DedupeKey, DedupeValue, NullWritable, Text> {
  private CleanOutput output;
  private Counter duplicates;
  private boolean stallMidway;
  private boolean writeKeys;
  private final Text keyLine = new Text();
  // The partition of the last row written, decoded: consecutive rows mostly share it.
  private final Text partition = new Text();
  private String partitionDir = "";

  @Override
  protected void setup(Context context) {
    output = new CleanOutput(context, JobSchema.load(context.getConfiguration()));
    duplicates = context.getCounter(CleanCounter.DUPLICATES);
    stallMidway = TaskFaults.stallsMidway(context);
    writeKeys = context.getConfiguration().getBoolean(CleanConfigKeys.WRITE_KEYS, false);
  }

  @Override
  protected void reduce(DedupeKey key, Iterable<DedupeValue> rows, Context context)
      throws IOException, InterruptedException {
    boolean first = true;
    for (DedupeValue r : rows) {
      // The key object moves with the values: it is this value's key.
      boolean prior = key.fileIndex() == PriorKeys.FILE_INDEX;
      if (first) {
        first = false;
        if (!prior) {
          String dir = partitionDir(r.partition());
          if (r.rowIsKey()) {
            output.clean(dir, key.bytes(), key.length());
          } else {
            output.clean(dir, r.row().getBytes(), r.row().getLength());
          }
          if (writeKeys) {
            keyLine.set(PriorKeys.encode(key.keyBytes()));
            output.outputs().write(NullWritable.get(), keyLine, PriorKeys.OUTPUT + "/part");
          }
        }
      } else if (!prior) {
        duplicates.increment(1); // after the kept record, or after a key an earlier run kept
      }
    }
    if (stallMidway) {
      stallMidway = false;
      TaskFaults.stall();
    }
  }

  private String partitionDir(Text p) {
    if (!p.equals(partition)) {
      partition.set(p);
      partitionDir = p.toString();
    }
    return partitionDir;
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    output.close();
    TaskFaults.atEnd(context);
  }
}
