package io.batchkit.mr.split;

import io.batchkit.mr.io.PartitionedRow;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Partitioner;

/** All keys of a label go to one reducer. */
public class LabelPartitioner extends Partitioner<Text, PartitionedRow> {
  @Override
  public int getPartition(Text key, PartitionedRow value, int reducers) {
    String k = key.toString();
    String label = k.substring(0, k.indexOf('\u0001'));
    return (label.hashCode() & Integer.MAX_VALUE) % reducers;
  }
}
