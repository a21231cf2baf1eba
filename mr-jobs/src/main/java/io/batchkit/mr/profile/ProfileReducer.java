package io.batchkit.mr.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Merges a column's profiles and writes its summary as one JSON line; the keys' entry is written as
 * the distinct keys of the valid records, whose count comes from the VALID counter.
 */
public class ProfileReducer extends Reducer<IntWritable, ProfileWritable, NullWritable, Text> {
  private Schema schema;
  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected void setup(Context context) {
    schema = JobSchema.load(context.getConfiguration());
  }

  @Override
  protected void reduce(IntWritable key, Iterable<ProfileWritable> values, Context context)
      throws IOException, InterruptedException {
    int column = key.get();
    Map<String, Object> summary;
    if (column == schema.columns().size()) {
      KeyDistinct merged = new KeyDistinct(schema.keyIndexes());
      for (ProfileWritable p : values) {
        merged.merge(p.keys);
      }
      summary = merged.state();
    } else {
      ColumnProfile merged = new ColumnProfile(column, schema.columns().get(column).type());
      for (ProfileWritable p : values) {
        merged.merge(p.profile);
      }
      summary = merged.summary(schema.columns().get(column).name());
      context.getCounter(ProfileCounter.COLUMNS).increment(1);
    }
    context.write(NullWritable.get(), new Text(column + "\t" + json.writeValueAsString(summary)));
  }
}
