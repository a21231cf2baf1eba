package io.batchkit.mr.convert;

import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Partitioner;

/** Spreads (partition, bin) groups evenly over the reducers. */
public class BinPartitioner extends Partitioner<Text, Text> {
  @Override
  public int getPartition(Text key, Text value, int reducers) {
    return (key.hashCode() & Integer.MAX_VALUE) % reducers;
  }
}
