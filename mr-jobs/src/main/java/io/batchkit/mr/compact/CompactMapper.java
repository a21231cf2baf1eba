package io.batchkit.mr.compact;

import io.batchkit.mr.io.BadFiles;
import io.batchkit.mr.io.InputSegments;
import io.batchkit.mr.io.RecordCounter;
import io.batchkit.mr.io.TaskLines;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Copies each line, byte for byte, into one new file per partition its split's files belong to: a
 * task reads whole small files packed up to the target size, so each partition's rows end up in a
 * few files of about that size.
 */
public class CompactMapper extends Mapper<LongWritable, Text, NullWritable, Text>
    implements BadFiles.Reading {
  private InputSegments segments;
  private MultipleOutputs<NullWritable, Text> out;
  private String name;
  private String base;
  private String root;
  private long lines;
  private RecordCounter written;

  @Override
  protected void setup(Context context) {
    segments = new InputSegments(context.getInputSplit());
    out = new MultipleOutputs<>(context);
    written = new RecordCounter(context.getCounter(CompactCounter.WRITTEN));
    name = context.getConfiguration().get(CompactConfigKeys.NAME);
    root = new Path(context.getConfiguration().get(CompactConfigKeys.OUTPUT)).toUri().getPath();
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    setup(context);
    try {
      TaskLines records = new TaskLines(context, segments, this);
      while (records.next()) {
        lines++;
        out.write(NullWritable.get(), records.value(), base);
        written.increment();
      }
    } finally {
      written.flush();
      out.close();
    }
  }

  @Override
  public void segmentStarted() {
    // The partition directory of the file now read, relative to OUT (e.g. clean/dt=2024-01-01).
    Path file = segments.current().getPath();
    String relative = file.getParent().toUri().getPath();
    base = relative.substring(root.length() + 1) + "/" + name;
    lines = 0;
  }

  @Override
  public long lines() {
    return lines;
  }

  @Override
  public void skipped(String reason) throws IOException {
    throw new IOException(reason); // compact never drops rows: its input must read whole
  }
}
