package io.batchkit.mr.aggregate;

import io.batchkit.mr.io.JobSchema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Writable;

/**
 * The partial aggregates of one group, one {@link Accumulator} per metric: the map output value,
 * merged by the combiner and the reducer. Hadoop creates it through its configuration, which says
 * which metrics it holds.
 */
public final class Partials implements Writable, Configurable {

  private Configuration conf;
  private Accumulator[] accumulators;

  /**
   * The state as read, not yet decoded (length -1: the accumulators hold it). A combiner handed a
   * group's only partial state writes these bytes back: decoding and encoding a count_distinct set
   * was most of a spill's cost, for groups the mapper had merged already.
   */
  private byte[] raw = NO_BYTES;

  private int rawLength = -1;
  private DataInputBuffer rawIn;
  private boolean passThrough;

  private static final byte[] NO_BYTES = new byte[0];

  /**
   * Where {@link #write} encodes a state before writing its length and bytes: one per thread, not
   * one per group (a mapper holds thousands of groups, and made new ones after every flush).
   */
  private static final ThreadLocal<DataOutputBuffer> ENCODED =
      ThreadLocal.withInitial(() -> new DataOutputBuffer(256));

  public Partials() {}

  public Partials(List<Metric> metrics) {
    init(metrics);
  }

  private void init(List<Metric> metrics) {
    accumulators = new Accumulator[metrics.size()];
    passThrough = true;
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = Accumulator.create(metrics.get(i));
      passThrough &= accumulators[i].mergeIntoEmptyIsCopy();
    }
  }

  public Accumulator get(int i) {
    decode();
    return accumulators[i];
  }

  public int size() {
    return accumulators.length;
  }

  public void add(Object[] row, List<Metric> metrics) {
    decode();
    for (int i = 0; i < accumulators.length; i++) {
      int c = metrics.get(i).column();
      accumulators[i].add(c < 0 ? null : row[c]);
    }
  }

  public void merge(Partials other) {
    decode();
    other.decode();
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

  /**
   * As {@link #mergeAll}, for the combiner: a group's only partial state is kept as read when every
   * metric's merge into an empty state is a copy (count, sum, min, max, count_distinct), so the
   * result is the same as merging it.
   */
  public Partials combineAll(Iterable<Partials> values) {
    Iterator<Partials> it = values.iterator();
    Partials first = it.next();
    if (passThrough && first.rawLength >= 0 && !it.hasNext()) {
      if (raw.length < first.rawLength) {
        raw = new byte[first.rawLength];
      }
      System.arraycopy(first.raw, 0, raw, 0, first.rawLength);
      rawLength = first.rawLength;
      return this;
    }
    reset();
    merge(first);
    while (it.hasNext()) {
      merge(it.next());
    }
    return this;
  }

  public void reset() {
    rawLength = -1;
    for (Accumulator a : accumulators) {
      a.reset();
    }
  }

  /** Written as its length and the accumulators' states, so that it can be read without them. */
  @Override
  public void write(DataOutput out) throws IOException {
    if (rawLength >= 0) {
      out.writeInt(rawLength);
      out.write(raw, 0, rawLength);
      return;
    }
    DataOutputBuffer encoded = ENCODED.get();
    encoded.reset();
    for (Accumulator a : accumulators) {
      a.write(encoded);
    }
    out.writeInt(encoded.getLength());
    out.write(encoded.getData(), 0, encoded.getLength());
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    int length = in.readInt();
    if (raw.length < length) {
      raw = new byte[Math.max(length, Math.max(256, 2 * raw.length))];
    }
    in.readFully(raw, 0, length);
    rawLength = length;
  }

  private void decode() {
    if (rawLength < 0) {
      return;
    }
    if (rawIn == null) {
      rawIn = new DataInputBuffer();
    }
    rawIn.reset(raw, rawLength);
    rawLength = -1;
    try {
      for (Accumulator a : accumulators) {
        a.read(rawIn);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("a partial aggregate could not be read", e);
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
