package io.batchkit.mr.split;

import io.batchkit.core.split.StratifiedAllocator;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.PartitionedRow;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/** Allocates a label's keys, in hash order, to the split furthest below its share. */
public class StratifiedReducer extends Reducer<Text, PartitionedRow, NullWritable, Text> {
  private Keys keys;
  private DatasetOutput output;
  private String label;
  private StratifiedAllocator allocator;
  private Counter[] perSplit;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    keys = new Keys(conf, JobSchema.load(conf));
    output = new DatasetOutput(context);
    perSplit = new Counter[keys.assigner.size()];
    for (int i = 0; i < perSplit.length; i++) {
      perSplit[i] = context.getCounter(SplitJob.SPLITS_GROUP, keys.assigner.names().get(i));
    }
  }

  @Override
  protected void reduce(Text key, Iterable<PartitionedRow> values, Context context)
      throws IOException, InterruptedException {
    String k = key.toString();
    String l = k.substring(0, k.indexOf('\u0001'));
    if (!l.equals(label)) {
      label = l;
      allocator = new StratifiedAllocator(keys.assigner);
    }
    int split = allocator.next();
    String dir = "data/split=" + keys.assigner.names().get(split);
    for (PartitionedRow r : values) {
      output.line(dir, r.partition().toString(), r.row().toString());
      perSplit[split].increment(1);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    output.close();
  }
}
