package io.batchkit.mr.split;

import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.PartitionedRow;
import io.batchkit.mr.io.RowMapper;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;

/** Assigns each row by its key's hash; with stratification, sends it to its label's reducer. */
public class SplitMapper extends RowMapper<Text, PartitionedRow> {
  private Keys keys;
  private int label = -1;
  private final Text outKey = new Text();
  private final PartitionedRow outRow = new PartitionedRow();
  private final Object[] labelValue = new Object[1];
  private Counter[] perSplit;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    open(context, DatasetInput.rowSource(conf), SplitCounter.READ, SplitCounter.INVALID);
    keys = new Keys(conf, rows.schema());
    String l = conf.get(SplitConfigKeys.LABEL);
    label = l == null ? -1 : rows.schema().columnIndex(l);
    perSplit = new Counter[keys.assigner.size()];
    for (int i = 0; i < perSplit.length; i++) {
      perSplit[i] = context.getCounter(SplitJob.SPLITS_GROUP, keys.assigner.names().get(i));
    }
  }

  @Override
  protected void row(Object[] row, long offset, Context context)
      throws IOException, InterruptedException {
    String key = keys.key(row);
    double position = keys.assigner.position(key);
    if (label < 0) {
      int split = keys.assigner.split(position);
      output.row("data/split=" + keys.assigner.names().get(split), rows.partitionDir(), row);
      perSplit[split].increment(1);
      return;
    }
    // label, then hash position (sortable hex), then key: the reducer sees a label's keys in
    // hash order, and all rows of one key together.
    labelValue[0] = row[label];
    StringBuilder sb = new StringBuilder(hiveText(labelValue));
    // Positions are non-negative, so their bits in fixed-width hex sort as the positions do.
    String bits = Long.toHexString(Double.doubleToLongBits(position));
    sb.append('\u0001').append("0".repeat(16 - bits.length())).append(bits);
    sb.append('\u0001').append(key);
    outKey.set(sb.toString());
    outRow.set(rows.partitionDir(), hiveText(row));
    context.write(outKey, outRow);
  }
}
