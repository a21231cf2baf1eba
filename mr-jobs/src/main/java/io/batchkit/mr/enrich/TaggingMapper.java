package io.batchkit.mr.enrich;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.Records;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.DatasetOutput;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.MapperInput;
import io.batchkit.mr.io.PartitionedRow;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reduce-side join: emits lookup rows as {@code key \0 0} and data rows as {@code key \0 1}, so
 * each key's lookup row sorts first.
 */
public class TaggingMapper extends Mapper<LongWritable, Text, Text, PartitionedRow> {
  private Records rows;
  private JoinSpec join;
  private boolean lookup;
  private DatasetOutput output;
  private Joined joined;
  private String file;
  private final Text outKey = new Text();
  private final PartitionedRow outRow = new PartitionedRow();
  private final StringBuilder sb = new StringBuilder(256);
  private MapperInput input;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    join = EnrichJob.join(conf);
    file = ((FileSplit) context.getInputSplit()).getPath().toString();
    lookup = List.of(conf.get(EnrichConfigKeys.LOOKUP_FILES, "").split("\n")).contains(file);
    rows =
        lookup
            ? DatasetInput.records(
                JobSchema.load(conf, EnrichJob.LOOKUP_SLOT),
                DatasetInput.Kind.valueOf(conf.get(EnrichConfigKeys.LOOKUP_KIND)))
            : DatasetInput.rowSource(conf);
    output = new DatasetOutput(context);
    joined = new Joined(context, join, output);
    input =
        new MapperInput(
            context,
            rows,
            output,
            lookup ? EnrichCounter.LOOKUP_ROWS : EnrichCounter.READ,
            lookup ? EnrichCounter.LOOKUP_INVALID : EnrichCounter.INVALID);
  }

  @Override
  protected void map(LongWritable offset, Text value, Context context)
      throws IOException, InterruptedException {
    Object[] row = input.read(offset, value);
    if (row == null) {
      return;
    }
    String key = lookup ? join.lookupKey(row) : join.dataKey(row);
    sb.setLength(0);
    if (lookup) {
      if (key == null) {
        context.getCounter(EnrichCounter.LOOKUP_INVALID).increment(1);
        return;
      }
      RowFormat.TEXT.append(join.added(row), sb);
      outRow.set("", sb.toString());
    } else {
      RowFormat.TEXT.append(row, sb);
      if (key == null) {
        joined.write(
            rows.partitionDir(), sb.toString(), null, null, file, input.line(), offset.get());
        return;
      }
      outRow.set(rows.partitionDir(), sb.toString());
    }
    outKey.set(key + '\u0000' + (lookup ? '0' : '1'));
    context.write(outKey, outRow);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    input.finish();
    output.close();
  }
}
