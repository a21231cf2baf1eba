package io.batchkit.mr.convert;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.Records;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.MapperInput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Keys each row by its partition and a bin (from a hash of the row): a file group. */
public class BinningMapper extends Mapper<LongWritable, Text, Text, Text> {
  private Records rows;
  private DatasetOutput quarantine;
  private MapperInput input;
  private final Map<String, Integer> bins = new HashMap<>();
  private int defaultBins;
  private final Text key = new Text();
  private final Text text = new Text();
  private final StringBuilder sb = new StringBuilder(256);

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    rows = DatasetInput.rowSource(conf);
    quarantine = new DatasetOutput(context);
    input = new MapperInput(context, rows, quarantine, ConvertCounter.READ, ConvertCounter.INVALID);
    for (String line : conf.get(ConvertConfigKeys.BINS, "").split("\n")) {
      if (!line.isEmpty()) {
        String[] f = line.split("\t");
        bins.put(f[0], Integer.parseInt(f[1]));
      }
    }
    defaultBins = conf.getInt(ConvertConfigKeys.BINS + ".default", 1);
  }

  @Override
  protected void map(LongWritable offset, Text value, Context context)
      throws IOException, InterruptedException {
    Object[] row = input.read(offset, value);
    if (row == null) {
      return;
    }
    String dir = rows.partitionDir();
    sb.setLength(0);
    RowFormat.TEXT.append(row, sb);
    String line = sb.toString();
    int n = bins.getOrDefault(dir, defaultBins);
    key.set(dir + '\u0000' + ((line.hashCode() & Integer.MAX_VALUE) % n));
    text.set(line);
    context.write(key, text);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    input.finish();
    quarantine.close();
  }
}
