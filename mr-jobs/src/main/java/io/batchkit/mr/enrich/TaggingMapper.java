package io.batchkit.mr.enrich;

import io.batchkit.core.record.Records;
import io.batchkit.mr.io.CsvSplit;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.PartitionedRow;
import io.batchkit.mr.io.RowMapper;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;

/**
 * Reduce-side join: emits lookup rows as {@code key \0 0} and data rows as {@code key \0 1}, so
 * each key's lookup row sorts first.
 */
public class TaggingMapper extends RowMapper<Text, PartitionedRow> {
  private JoinSpec join;
  private boolean lookup;
  private Joined joined;
  private final Text outKey = new Text();
  private final PartitionedRow outRow = new PartitionedRow();

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    join = EnrichJob.join(conf);
    String file = CsvSplit.segments(context.getInputSplit())[0].getPath().toString();
    lookup = List.of(conf.get(EnrichConfigKeys.LOOKUP_FILES, "").split("\n")).contains(file);
    Records records =
        lookup
            ? DatasetInput.records(
                JobSchema.load(conf, EnrichJob.LOOKUP_SLOT),
                DatasetInput.Kind.valueOf(conf.get(EnrichConfigKeys.LOOKUP_KIND)),
                conf)
            : DatasetInput.rowSource(conf);
    open(
        context,
        records,
        lookup ? EnrichCounter.LOOKUP_ROWS : EnrichCounter.READ,
        lookup ? EnrichCounter.LOOKUP_INVALID : EnrichCounter.INVALID);
    joined = new Joined(context, join, output);
  }

  @Override
  protected void row(Object[] row, long offset, Context context)
      throws IOException, InterruptedException {
    String key = lookup ? join.lookupKey(row) : join.dataKey(row);
    if (lookup) {
      if (key == null) {
        context.getCounter(EnrichCounter.LOOKUP_INVALID).increment(1);
        return;
      }
      outRow.set("", hiveText(join.added(row)));
    } else {
      String text = hiveText(row);
      if (key == null) {
        joined.write(rows.partitionDir(), text, null, null, file(), line(), offset);
        return;
      }
      outRow.set(rows.partitionDir(), text);
    }
    outKey.set(key + '\u0000' + (lookup ? '0' : '1'));
    context.write(outKey, outRow);
  }
}
