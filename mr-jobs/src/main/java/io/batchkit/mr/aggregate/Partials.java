package io.batchkit.mr.aggregate;

import io.batchkit.mr.io.JobSchema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Writable;

/**
 * The partial aggregates of one group, one {@link Accumulator} per metric: the map output value,
 * merged by the combiner and the reducer. Hadoop creates it through its configuration, which says
 * which metrics it holds.
 */
public final class Partials implements Writable, Configurable {

  private Configuration conf;
  private Accumulator[] accumulators;

  public Partials() {}

  public Partials(List<Metric> metrics) {
    init(metrics);
  }

  private void init(List<Metric> metrics) {
    accumulators = new Accumulator[metrics.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = Accumulator.create(metrics.get(i));
    }
  }

  public Accumulator get(int i) {
    return accumulators[i];
  }

  public int size() {
    return accumulators.length;
  }

  public void add(Object[] row, List<Metric> metrics) {
    for (int i = 0; i < accumulators.length; i++) {
      int c = metrics.get(i).column();
      accumulators[i].add(c < 0 ? null : row[c]);
    }
  }

  public void merge(Partials other) {
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].merge(other.accumulators[i]);
    }
  }

  /** Becomes the merge of a group's partial states (this object is reused for the next group). */
  public Partials mergeAll(Iterable<Partials> values) {
    reset();
    for (Partials p : values) {
      merge(p);
    }
    return this;
  }

  public void reset() {
    for (Accumulator a : accumulators) {
      a.reset();
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    for (Accumulator a : accumulators) {
      a.write(out);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    for (Accumulator a : accumulators) {
      a.read(in);
    }
  }

  @Override
  public void setConf(Configuration conf) {
    this.conf = conf;
    init(Aggregation.metrics(JobSchema.load(conf), conf.get(AggregateConfigKeys.METRICS)));
  }

  @Override
  public Configuration getConf() {
    return conf;
  }
}
