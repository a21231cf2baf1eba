package io.batchkit.mr.io;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.util.LineReader;

/**
 * Lines as Hadoop's LineRecordReader reads them (a split reads every line that starts in it; a
 * split after the first skips its partial first line; a UTF-8 byte-order mark at the file's start
 * is dropped; compressed files are read whole), but a line longer than {@link RecordLimits#max} is
 * read past with only its start kept, under a negative key ({@link RecordLimits}). Hadoop's own
 * reader would skip such a line with a log message: a row lost without a trace.
 */
final class BoundedLineRecordReader extends RecordReader<LongWritable, Text> {
  private final LongWritable key = new LongWritable();
  private final Text value = new Text();
  private LineReader in;
  private InputStream stream;
  private FSDataInputStream fileIn;
  private long splitStart;
  private TaskAttemptContext context;
  private long start;
  private long pos;
  private long end;
  private int max;
  private boolean compressed;

  @Override
  public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
    FileSplit split = CsvSplit.only(genericSplit);
    this.context = context;
    Configuration conf = context.getConfiguration();
    max = RecordLimits.max(conf);
    start = split.getStart();
    end = start + split.getLength();
    Path file = split.getPath();
    FileSystem fs = file.getFileSystem(conf);
    fileIn = NioLocalFileSystem.openToRead(fs, file);
    splitStart = start;
    if (Codecs.of(file, conf) != null) {
      // Never split (CsvLineInputFormat): read from the start to the end of the stream.
      compressed = true;
      stream = Codecs.decompressed(fileIn, file, conf);
      end = Long.MAX_VALUE;
    } else {
      fileIn.seek(start);
      stream = fileIn;
    }
    in = new LineReader(stream, conf);
    if (start != 0) {
      // The previous split reads the line this one starts inside.
      // Read past the whole line, however long: a line belongs to the split it starts in.
      start += in.readLine(new Text(), 0, Integer.MAX_VALUE);
    }
    pos = start;
  }

  @Override
  public boolean nextKeyValue() throws IOException {
    if (pos > end) {
      return false;
    }
    long lineStart = pos;
    int consumed = in.readLine(value, max + 1, Integer.MAX_VALUE);
    if (consumed == 0) {
      return false;
    }
    pos += consumed;
    if (lineStart == 0) {
      dropByteOrderMark();
    }
    if (value.getLength() > max) {
      value.set(value.getBytes(), 0, RecordLimits.KEPT);
      key.set(RecordLimits.tooLargeKey(lineStart));
    } else {
      key.set(lineStart);
    }
    return true;
  }

  private void dropByteOrderMark() {
    byte[] b = value.getBytes();
    if (value.getLength() >= 3
        && (b[0] & 0xFF) == 0xEF
        && (b[1] & 0xFF) == 0xBB
        && (b[2] & 0xFF) == 0xBF) {
      value.set(b, 3, value.getLength() - 3);
    }
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
  public float getProgress() {
    if (compressed || end == start) {
      return 0f;
    }
    return Math.min(1f, (pos - start) / (float) (end - start));
  }

  @Override
  public void close() throws IOException {
    if (stream != null) {
      CsvSplit.countRead(context, fileIn, splitStart);
      stream.close();
      stream = null;
    }
  }
}
