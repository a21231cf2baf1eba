package io.batchkit.mr.enrich;

import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.PartitionedRow;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/** The lookup row (if any) arrives first; every data row after it is joined to it. */
public class JoinReducer extends Reducer<Text, PartitionedRow, NullWritable, Text> {
  private DatasetOutput output;
  private Joined joined;
  private Counter duplicates;

  @Override
  protected void setup(Context context) {
    output = new DatasetOutput(context);
    joined = new Joined(context, EnrichJob.join(context.getConfiguration()), output);
    duplicates = context.getCounter(EnrichCounter.LOOKUP_DUPLICATES);
  }

  @Override
  protected void reduce(Text key, Iterable<PartitionedRow> values, Context context)
      throws IOException, InterruptedException {
    String added = null;
    boolean seenLookup = false;
    for (PartitionedRow r : values) {
      // The key object follows the values: its tag says which side this row is from.
      boolean isLookup = key.charAt(key.getLength() - 1) == '0';
      if (isLookup) {
        if (seenLookup) {
          duplicates.increment(1); // the first lookup row of a key wins
        } else {
          added = r.row().toString();
          seenLookup = true;
        }
        continue;
      }
      String k = EnrichJob.joinKey(key);
      joined.write(r.partition().toString(), r.row().toString(), added, k, "", 0, 0);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    output.close();
    TaskFaults.atEnd(context);
  }
}
