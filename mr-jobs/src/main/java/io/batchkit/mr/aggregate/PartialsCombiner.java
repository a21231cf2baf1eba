package io.batchkit.mr.aggregate;

import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/** Merges the partial states of a group: the combiner, typed, never through text. */
public class PartialsCombiner extends Reducer<Text, Partials, Text, Partials> {
  private Partials merged;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    merged = new Partials(AggregateJob.aggregation(conf, JobSchema.load(conf)).metrics());
  }

  @Override
  protected void reduce(Text key, Iterable<Partials> values, Context context)
      throws IOException, InterruptedException {
    merged.combineAll(values);
    context.write(key, merged);
  }
}
