package io.batchkit.mr.convert;

import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.common.ColumnSelection;
import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.io.JobSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/** Writes each (partition, bin) group to columnar files, rolling at the target size. */
public class ColumnarReducer extends Reducer<Text, Text, NullWritable, Text> {
  private Schema schema;
  private TextRowDecoder decoder;
  private Object[] values;
  private ColumnarWriter.Format format;
  private String compression;
  private long target;
  private Path work;
  private int task;
  private Counter written;
  private Counter files;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    schema = JobSchema.load(conf);
    int[] kept = ColumnSelection.load(conf, ConvertConfigKeys.COLUMNS);
    if (kept != null) {
      // The rows the mapper sent hold the kept columns only, in their order.
      List<Column> columns = new ArrayList<>();
      for (int i : kept) {
        columns.add(schema.columns().get(i));
      }
      schema =
          new Schema(
              schema.name(),
              schema.description(),
              schema.format(),
              schema.nulls(),
              columns,
              List.of(),
              schema.partition(),
              schema.sha256(),
              schema.source());
    }
    decoder =
        new TextRowDecoder(
            schema.columns().stream().map(Column::type).toList(),
            io.batchkit.core.record.DatasetRecords.minWidth(schema));
    values = new Object[schema.columns().size()];
    format = ColumnarWriter.Format.valueOf(conf.get(ConvertConfigKeys.FORMAT));
    compression = conf.get(ConvertConfigKeys.COMPRESSION);
    target = conf.getLong(ConvertConfigKeys.TARGET, 128L << 20);
    work = FileOutputFormat.getWorkOutputPath(context);
    task = context.getTaskAttemptID().getTaskID().getId();
    written = context.getCounter(ConvertCounter.WRITTEN);
    files = context.getCounter(ConvertCounter.FILES);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    TaskFaults.atEnd(context);
  }

  @Override
  protected void reduce(Text key, Iterable<Text> rows, Context context)
      throws IOException, InterruptedException {
    String k = key.toString();
    int cut = k.indexOf('\u0000');
    String dir = k.substring(0, cut);
    String bin = k.substring(cut + 1);
    Configuration conf = context.getConfiguration();
    ColumnarWriter writer = null;
    int sequence = 0;
    try {
      for (Text row : rows) {
        if (writer != null && writer.bytes() >= target) {
          writer.close();
          writer = null;
        }
        if (writer == null) {
          String name =
              String.format(
                  Locale.ROOT, "part-%05d-%s-%03d%s", task, bin, sequence++, format.extension());
          Path base = new Path(work, dir.isEmpty() ? "data" : "data/" + dir);
          writer = format.open(new Path(base, name), schema, compression, conf);
          files.increment(1);
        }
        try {
          decoder.decode(row.toString(), values);
        } catch (MalformedRecordException e) {
          throw new IOException("a row the mapper formatted does not decode: " + e.getMessage());
        }
        writer.write(values);
        written.increment(1);
        context.progress();
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
  }
}
