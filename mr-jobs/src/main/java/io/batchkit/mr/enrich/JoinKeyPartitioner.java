package io.batchkit.mr.enrich;

import io.batchkit.mr.io.PartitionedRow;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Partitioner;

/** Sends a key's lookup and data rows to the same reducer. */
public class JoinKeyPartitioner extends Partitioner<Text, PartitionedRow> {
  @Override
  public int getPartition(Text key, PartitionedRow value, int reducers) {
    return (EnrichJob.joinKey(key).hashCode() & Integer.MAX_VALUE) % reducers;
  }
}
