package io.batchkit.mr.enrich;

import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;

/** Groups a key's lookup and data rows into one reduce call. */
public class JoinKeyGrouping extends WritableComparator {
  public JoinKeyGrouping() {
    super(Text.class, true);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public int compare(WritableComparable a, WritableComparable b) {
    return EnrichJob.joinKey((Text) a).compareTo(EnrichJob.joinKey((Text) b));
  }
}
