package io.batchkit.mr.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapred.SplitLocationInfo;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * A split of batchkit's CSV input formats: a {@link FileSplit}, wrapped. Hadoop's map task, given a
 * FileSplit, asks the file system's statistics for the bytes read before and after every record
 * (each a synchronised walk over every thread's statistics, which two map threads contend for): 7
 * to 9% of a map task's CPU in profiles of clean and aggregate. Given this split it does not; the
 * readers add the bytes they read to the same counter once, when they close ({@link #countRead}).
 */
public final class CsvSplit extends InputSplit implements Writable {
  private final FileSplit file;

  /** For Hadoop's deserialisation of the job's splits. */
  public CsvSplit() {
    this(new FileSplit());
  }

  CsvSplit(FileSplit file) {
    this.file = file;
  }

  /** The file split of a task: this split's, or the split itself when it is a plain one. */
  public static FileSplit file(InputSplit split) {
    return split instanceof CsvSplit s ? s.file : (FileSplit) split;
  }

  static List<InputSplit> wrap(List<InputSplit> splits) {
    List<InputSplit> wrapped = new ArrayList<>(splits.size());
    for (InputSplit s : splits) {
      wrapped.add(new CsvSplit((FileSplit) s));
    }
    return wrapped;
  }

  /** Adds what a reader read from its file (buffering included, as Hadoop's count does). */
  static void countRead(TaskAttemptContext context, FSDataInputStream in, long from)
      throws IOException {
    if (context != null && in != null) {
      context.getCounter(FileInputFormatCounter.BYTES_READ).increment(in.getPos() - from);
    }
  }

  @Override
  public long getLength() {
    return file.getLength();
  }

  @Override
  public String[] getLocations() throws IOException {
    return file.getLocations();
  }

  @Override
  public SplitLocationInfo[] getLocationInfo() throws IOException {
    return file.getLocationInfo();
  }

  @Override
  public void write(DataOutput out) throws IOException {
    file.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    file.readFields(in);
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
