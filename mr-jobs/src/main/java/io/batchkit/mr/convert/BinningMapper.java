package io.batchkit.mr.convert;

import io.batchkit.mr.common.ColumnSelection;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.RowMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;

/** Keys each row by its partition and a bin (from a hash of the row): a file group. */
public class BinningMapper extends RowMapper<Text, Text> {
  private int[] kept;
  private Object[] projected;
  private final Map<String, Integer> bins = new HashMap<>();
  private int defaultBins;
  private final Text key = new Text();
  private final Text text = new Text();

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    open(context, DatasetInput.rowSource(conf), ConvertCounter.READ, ConvertCounter.INVALID);
    kept = ColumnSelection.load(conf, ConvertConfigKeys.COLUMNS);
    projected = kept == null ? null : new Object[kept.length];
    for (String line : conf.get(ConvertConfigKeys.BINS, "").split("\n")) {
      if (!line.isEmpty()) {
        String[] f = line.split("\t");
        bins.put(f[0], Integer.parseInt(f[1]));
      }
    }
    defaultBins = conf.getInt(ConvertConfigKeys.BINS + ".default", 1);
  }

  @Override
  protected void row(Object[] row, long offset, Context context)
      throws IOException, InterruptedException {
    String dir = rows.partitionDir();
    String line = hiveText(kept == null ? row : ColumnSelection.project(kept, row, projected));
    int n = bins.getOrDefault(dir, defaultBins);
    key.set(dir + '\u0000' + ((line.hashCode() & Integer.MAX_VALUE) % n));
    text.set(line);
    context.write(key, text);
  }
}
