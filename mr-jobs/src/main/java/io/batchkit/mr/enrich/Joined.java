package io.batchkit.mr.enrich;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.mr.io.DatasetOutput;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;

/** Writes matched and unmatched rows as {@code --unmatched} says, counting each. */
final class Joined {
  private final DatasetOutput output;
  private final String unmatched;
  private final String nulls;
  private final String joinColumns;
  private final Counter matched;
  private final Counter kept;
  private final Counter quarantined;
  private final Counter dropped;

  Joined(Mapper<?, ?, ?, ?>.Context context, JoinSpec join, DatasetOutput output) {
    this(context.getConfiguration(), join, output, context::getCounter);
  }

  Joined(Reducer<?, ?, ?, ?>.Context context, JoinSpec join, DatasetOutput output) {
    this(context.getConfiguration(), join, output, context::getCounter);
  }

  private Joined(
      Configuration conf,
      JoinSpec join,
      DatasetOutput output,
      java.util.function.Function<Enum<?>, Counter> counters) {
    this.output = output;
    this.nulls = new LookupTable(join.width()).nulls();
    StringBuilder left = new StringBuilder();
    for (String pair : conf.get(EnrichConfigKeys.ON).split(",")) {
      left.append(left.length() > 0 ? "," : "").append(pair.split("=")[0].trim());
    }
    this.joinColumns = left.toString();
    this.unmatched = conf.get(EnrichConfigKeys.UNMATCHED, "keep");
    matched = counters.apply(EnrichCounter.MATCHED);
    kept = counters.apply(EnrichCounter.UNMATCHED_KEPT);
    quarantined = counters.apply(EnrichCounter.UNMATCHED_QUARANTINED);
    dropped = counters.apply(EnrichCounter.UNMATCHED_DROPPED);
  }

  void write(
      String partitionDir,
      String row,
      String added,
      String key,
      String file,
      long line,
      long offset)
      throws IOException, InterruptedException {
    if (added != null) {
      output.line("data", partitionDir, row + RowFormat.TEXT_DELIMITER + added);
      matched.increment(1);
      return;
    }
    switch (unmatched) {
      case "quarantine" -> {
        output.quarantine(
            file,
            line,
            offset,
            row,
            List.of(
                new Violation(
                    joinColumns,
                    Rule.LOOKUP,
                    key == null ? "the join key is null" : "no lookup row for key " + key)));
        quarantined.increment(1);
      }
      case "drop" -> dropped.increment(1);
      default -> {
        output.line("data", partitionDir, row + RowFormat.TEXT_DELIMITER + nulls);
        kept.increment(1);
      }
    }
  }
}
