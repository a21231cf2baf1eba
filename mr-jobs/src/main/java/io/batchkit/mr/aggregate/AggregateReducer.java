package io.batchkit.mr.aggregate;

import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/** Merges each group's partial states and writes its result row. */
public class AggregateReducer extends Reducer<Text, Partials, NullWritable, Text> {
  private Aggregation aggregation;
  private Partials merged;
  private DatasetOutput output;
  private Counter groups;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    aggregation = AggregateJob.aggregation(conf, JobSchema.load(conf));
    merged = new Partials(aggregation.metrics());
    output = new DatasetOutput(context);
    groups = context.getCounter(AggregateCounter.GROUPS);
  }

  @Override
  protected void reduce(Text key, Iterable<Partials> values, Context context)
      throws IOException, InterruptedException {
    merged.mergeAll(values);
    output.line("data", "", aggregation.result(key.toString(), merged));
    groups.increment(1);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    output.close();
    TaskFaults.atEnd(context);
  }
}
