package io.batchkit.mr.upsert;

import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.ColumnType;
import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;

/** Picks each key's newest version and counts what became of the key and of every row. */
public class NewestWinsReducer extends Reducer<Text, Version, NullWritable, Text> {
  private DatasetOutput output;
  private ColumnType orderType;
  private final Version best = new Version();
  private final Version snapshot = new Version();
  private Counter[] counters;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    Schema schema = JobSchema.load(conf);
    String order = conf.get(UpsertConfigKeys.ORDER);
    orderType = order == null ? null : schema.column(order).type();
    output = new DatasetOutput(context);
    counters = new Counter[UpsertCounter.values().length];
    for (UpsertCounter k : UpsertCounter.values()) {
      counters[k.ordinal()] = context.getCounter(k);
    }
  }

  private void count(UpsertCounter k, long n) {
    counters[k.ordinal()].increment(n);
  }

  @Override
  protected void reduce(Text key, Iterable<Version> versions, Context context)
      throws IOException, InterruptedException {
    boolean any = false;
    boolean hasSnapshot = false;
    long rows = 0;
    for (Version v : versions) {
      rows++;
      if (v.tag == 0 && (!hasSnapshot || newer(v, snapshot))) {
        snapshot.copy(v);
        hasSnapshot = true;
      }
      if (!any || newer(v, best)) {
        best.copy(v);
        any = true;
      }
    }
    count(UpsertCounter.SUPERSEDED, rows - 1);
    if (best.delete) {
      count(hasSnapshot ? UpsertCounter.DELETED : UpsertCounter.DELETE_MISSING, 1);
      return;
    }
    UpsertCounter fate;
    if (!hasSnapshot) {
      fate = UpsertCounter.INSERTED;
    } else if (best.tag == 0 || best.row.equals(snapshot.row)) {
      fate = UpsertCounter.UNCHANGED;
    } else {
      fate = UpsertCounter.UPDATED;
    }
    count(fate, 1);
    output.line("data", best.partition, best.row);
  }

  /** Whether {@code a} is newer than {@code b}: order value, then batch, then position. */
  boolean newer(Version a, Version b) {
    if (orderType != null) {
      int c = compareOrder(a.order, b.order);
      if (c != 0) {
        return c > 0;
      }
    }
    if (a.tag != b.tag) {
      return a.tag > b.tag;
    }
    return a.offset > b.offset;
  }

  @SuppressWarnings("unchecked")
  private int compareOrder(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1; // a missing order value is the oldest
    }
    Comparable<Object> x = (Comparable<Object>) TextRowDecoder.parse(orderType, a);
    return x.compareTo(TextRowDecoder.parse(orderType, b));
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    output.close();
    TaskFaults.atEnd(context);
  }
}
