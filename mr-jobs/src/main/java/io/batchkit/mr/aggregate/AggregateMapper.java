package io.batchkit.mr.aggregate;

import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.RecordCounter;
import io.batchkit.mr.io.RowMapper;
import java.io.IOException;
import org.apache.hadoop.io.Text;

/**
 * Reads, filters and groups each row. Rows are merged into their group's partial state in memory
 * (up to {@link AggregateConfigKeys#MAP_GROUPS} groups, then all are emitted and it starts again),
 * the in-mapper form of combining; the combiner then merges what several flushes and spills
 * emitted. With {@code --no-combiner} each row's own partial state is emitted.
 */
public class AggregateMapper extends RowMapper<Text, Partials> {
  private Aggregation aggregation;
  private Partials partials;
  private boolean combine;
  private int maxGroups;
  private final java.util.HashMap<GroupKey, Partials> groups = new java.util.HashMap<>();
  // The states of flushed groups, reset, for the next ones: a state and its count_distinct set
  // made anew for every group after every flush were 6% of the mapper's CPU, and garbage.
  private final java.util.ArrayDeque<Partials> spare = new java.util.ArrayDeque<>();
  private final Text key = new Text();
  private RecordCounter filtered;
  private RecordCounter aggregated;

  @Override
  protected void setup(Context context) {
    open(
        context,
        DatasetInput.rowSource(context.getConfiguration()),
        AggregateCounter.READ,
        AggregateCounter.INVALID);
    aggregation = AggregateJob.aggregation(context.getConfiguration(), rows.schema());
    partials = new Partials(aggregation.metrics());
    combine = context.getConfiguration().getBoolean(AggregateConfigKeys.COMBINE, true);
    maxGroups = context.getConfiguration().getInt(AggregateConfigKeys.MAP_GROUPS, 4096);
    filtered = new RecordCounter(context.getCounter(AggregateCounter.FILTERED_OUT));
    aggregated = new RecordCounter(context.getCounter(AggregateCounter.AGGREGATED));
  }

  @Override
  protected void row(Object[] row, long offset, Context context)
      throws IOException, InterruptedException {
    if (!aggregation.accepts(row)) {
      filtered.increment();
      return;
    }
    aggregated.increment();
    if (combine) {
      GroupKey group = aggregation.group(row);
      Partials p = groups.get(group);
      if (p == null) {
        if (groups.size() >= maxGroups) {
          flush(context);
        }
        p = spare.isEmpty() ? new Partials(aggregation.metrics()) : spare.pop();
        groups.put(group.copy(), p);
      }
      p.add(row, aggregation.metrics());
      return;
    }
    key.set(aggregation.key(row));
    partials.reset();
    partials.add(row, aggregation.metrics());
    context.write(key, partials);
  }

  private void flush(Context context) throws IOException, InterruptedException {
    for (java.util.Map.Entry<GroupKey, Partials> e : groups.entrySet()) {
      key.set(aggregation.key(e.getKey()));
      context.write(key, e.getValue()); // serialised here: the state can be reused after
      e.getValue().reset();
      spare.push(e.getValue());
    }
    groups.clear();
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    filtered.flush();
    aggregated.flush();
    flush(context);
    super.cleanup(context);
  }
}
