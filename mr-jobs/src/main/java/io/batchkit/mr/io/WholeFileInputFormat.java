package io.batchkit.mr.io;

import io.batchkit.core.io.RecordSplitter;
import io.batchkit.core.schema.FormatSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Files read whole, never split, cut into records by {@link RecordSplitter}: CSV with {@code
 * multiline: true} (a split boundary could fall inside a quoted line break) and JSON objects back
 * to back (a boundary could fall inside an object). Keys are the records' byte offsets, as with
 * {@link CsvLineInputFormat}.
 */
public class WholeFileInputFormat extends FileInputFormat<LongWritable, LineBatch> {

  @Override
  protected boolean isSplitable(JobContext context, Path filename) {
    return false;
  }

  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    return CsvSplit.of(super.getSplits(job), job.getConfiguration());
  }

  @Override
  public RecordReader<LongWritable, LineBatch> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    FormatSpec format = format(context.getConfiguration());
    return new LineBatchReader(new SegmentedRecordReader(() -> new Reader(format)));
  }

  /** How the files are written: the job's schema's format. */
  protected FormatSpec format(Configuration conf) throws IOException {
    return JobSchema.load(conf).format();
  }

  static final class Reader extends RecordReader<LongWritable, Text> {
    private final LongWritable key = new LongWritable();
    private final Text value = new Text();
    private final FormatSpec format;
    private InputStream in;
    private FSDataInputStream fileIn;
    private TaskAttemptContext context;
    private RecordSplitter splitter;
    private long fileLength;

    Reader(FormatSpec format) {
      this.format = format;
    }

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
      FileSplit split = CsvSplit.only(genericSplit);
      this.context = context;
      Configuration conf = context.getConfiguration();
      Path path = split.getPath();
      FileSystem fs = path.getFileSystem(conf);
      fileLength = Math.max(1, split.getLength());
      fileIn = NioLocalFileSystem.openToRead(fs, path);
      in = Codecs.decompressed(fileIn, path, conf);
      splitter = RecordSplitter.of(format, in, RecordLimits.max(conf) + 1);
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      if (!splitter.next()) {
        return false;
      }
      if (splitter.tooLarge()) {
        key.set(RecordLimits.tooLargeKey(splitter.offset()));
        value.set(splitter.bytes(), 0, RecordLimits.KEPT);
      } else {
        key.set(splitter.offset());
        value.set(splitter.bytes(), 0, splitter.length());
      }
      return true;
    }

    @Override
    public LongWritable getCurrentKey() {
      return key;
    }

    @Override
    public Text getCurrentValue() {
      return value;
    }

    @Override
    public float getProgress() throws IOException {
      // The file's bytes read, not the records' offsets: those count decompressed bytes.
      if (in == null) {
        return splitter == null ? 0f : 1f; // not opened yet, or read and closed
      }
      return Math.min(1f, (float) fileIn.getPos() / fileLength);
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        CsvSplit.countRead(context, fileIn, 0);
        in.close();
        in = null;
      }
    }
  }
}
