package io.batchkit.mr.split;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.Records;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.MapperInput;
import io.batchkit.mr.io.PartitionedRow;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;

/** Assigns each row by its key's hash; with stratification, sends it to its label's reducer. */
public class SplitMapper extends Mapper<LongWritable, Text, Text, PartitionedRow> {
  private Records rows;
  private Keys keys;
  private DatasetOutput output;
  private int label = -1;
  private final Text outKey = new Text();
  private final PartitionedRow outRow = new PartitionedRow();
  private final StringBuilder sb = new StringBuilder(256);
  private final Object[] labelValue = new Object[1];
  private MapperInput input;
  private Counter[] perSplit;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    rows = DatasetInput.rowSource(conf);
    keys = new Keys(conf, rows.schema());
    output = new DatasetOutput(context);
    String l = conf.get(SplitConfigKeys.LABEL);
    label = l == null ? -1 : rows.schema().columnIndex(l);
    input = new MapperInput(context, rows, output, SplitCounter.READ, SplitCounter.INVALID);
    perSplit = new Counter[keys.assigner.size()];
    for (int i = 0; i < perSplit.length; i++) {
      perSplit[i] = context.getCounter(SplitJob.SPLITS_GROUP, keys.assigner.names().get(i));
    }
  }

  @Override
  protected void map(LongWritable offset, Text value, Context context)
      throws IOException, InterruptedException {
    Object[] row = input.read(offset, value);
    if (row == null) {
      return;
    }
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
    sb.setLength(0);
    labelValue[0] = row[label];
    RowFormat.TEXT.append(labelValue, sb);
    // Positions are non-negative, so their bits in fixed-width hex sort as the positions do.
    String bits = Long.toHexString(Double.doubleToLongBits(position));
    sb.append('\u0001').append("0".repeat(16 - bits.length())).append(bits);
    sb.append('\u0001').append(key);
    outKey.set(sb.toString());
    sb.setLength(0);
    RowFormat.TEXT.append(row, sb);
    outRow.set(rows.partitionDir(), sb.toString());
    context.write(outKey, outRow);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    input.finish();
    output.close();
  }
}
