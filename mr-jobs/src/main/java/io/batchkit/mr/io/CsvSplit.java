package io.batchkit.mr.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * A split of batchkit's record input formats: one or more {@link FileSplit}s, its segments, read
 * one after the other ({@link SegmentedRecordReader}). Small files are packed into one split up to
 * {@link SplitSize} ({@link #combine}), so that a landing of thousands of small files runs as a few
 * map tasks, not one per file; each record still knows its own file and offset ({@link
 * SegmentKey}). Only whole files are packed, so a segment of a packed split always starts at its
 * file's first line; a large file is split as Hadoop splits it, one segment per split.
 *
 * <p>Wrapped rather than a FileSplit: Hadoop's map task, given a FileSplit, asks the file system's
 * statistics for the bytes read before and after every record (7 to 9% of a map task's CPU in
 * profiles); given this split it does not, and the readers add the bytes they read to the same
 * counter once, when they close ({@link #countRead}).
 */
public final class CsvSplit extends InputSplit implements Writable {
  private static final int MAX_HOSTS = 3;
  private FileSplit[] segments;

  /** For Hadoop's deserialisation of the job's splits. */
  public CsvSplit() {
    this(new FileSplit[0]);
  }

  CsvSplit(FileSplit... segments) {
    this.segments = segments;
  }

  /** The segments of a task's split, in the order they are read. */
  public static FileSplit[] segments(InputSplit split) {
    return split instanceof CsvSplit s ? s.segments : new FileSplit[] {(FileSplit) split};
  }

  /** The one file split of a reader's split: a segment, or a split of a single file. */
  static FileSplit only(InputSplit split) {
    FileSplit[] s = segments(split);
    if (s.length != 1) {
      throw new IllegalArgumentException("a reader of one file was given " + split);
    }
    return s[0];
  }

  /**
   * The splits a record input format hands Hadoop: packed when the job asked ({@link SplitSize}).
   */
  static List<InputSplit> of(List<InputSplit> splits, org.apache.hadoop.conf.Configuration conf) {
    return conf.getBoolean(SplitSize.COMBINE, false)
        ? combine(splits, SplitSize.bytes(conf), conf.get(SplitSize.SEPARATE))
        : wrap(splits);
  }

  /** One split per file split, as Hadoop computed them. */
  static List<InputSplit> wrap(List<InputSplit> splits) {
    List<InputSplit> wrapped = new ArrayList<>(splits.size());
    for (InputSplit s : splits) {
      wrapped.add(new CsvSplit((FileSplit) s));
    }
    return wrapped;
  }

  /**
   * Hadoop's file splits with whole small files packed into splits of at most {@code target} bytes
   * (a file is small when its one split is shorter than that); a file split into several parts, and
   * a file under {@code separate} (a path prefix, or null), stays alone. As Hadoop's {@code
   * CombineFileInputFormat} does, small files are packed with others on the same host first (the
   * first host of each, in input order there), so a task can read its split where it lies; what is
   * left of each host fills splits across hosts. Order does not matter to the jobs: each record
   * keeps its file and offset.
   */
  static List<InputSplit> combine(List<InputSplit> splits, long target, String separate) {
    List<InputSplit> out = new ArrayList<>();
    Map<String, List<FileSplit>> byHost = new java.util.LinkedHashMap<>();
    for (int i = 0; i < splits.size(); i++) {
      FileSplit s = (FileSplit) splits.get(i);
      boolean wholeFile =
          s.getStart() == 0
              && (i + 1 == splits.size()
                  || !((FileSplit) splits.get(i + 1)).getPath().equals(s.getPath()));
      boolean alone =
          !wholeFile
              || s.getLength() >= target
              || (separate != null && s.getPath().toUri().getPath().startsWith(separate));
      if (alone) {
        out.add(new CsvSplit(s));
      } else {
        byHost.computeIfAbsent(firstHost(s), h -> new ArrayList<>()).add(s);
      }
    }
    List<FileSplit> left = new ArrayList<>();
    for (List<FileSplit> host : byHost.values()) {
      List<FileSplit> group = new ArrayList<>();
      long bytes = 0;
      for (FileSplit s : host) {
        if (!group.isEmpty() && bytes + s.getLength() > target) {
          flush(group, out);
          bytes = 0;
        }
        group.add(s);
        bytes += s.getLength();
      }
      left.addAll(group); // a host's last, partial group: packed with other hosts' below
    }
    long bytes = 0;
    List<FileSplit> group = new ArrayList<>();
    for (FileSplit s : left) {
      if (!group.isEmpty() && bytes + s.getLength() > target) {
        flush(group, out);
        bytes = 0;
      }
      group.add(s);
      bytes += s.getLength();
    }
    flush(group, out);
    return out;
  }

  private static String firstHost(FileSplit s) {
    try {
      String[] hosts = s.getLocations();
      return hosts == null || hosts.length == 0 ? "" : hosts[0];
    } catch (IOException e) {
      return "";
    }
  }

  private static void flush(List<FileSplit> group, List<InputSplit> out) {
    if (!group.isEmpty()) {
      out.add(new CsvSplit(group.toArray(new FileSplit[0])));
      group.clear();
    }
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
    long n = 0;
    for (FileSplit s : segments) {
      n += s.getLength();
    }
    return n;
  }

  /** The hosts holding the most of the split's bytes, as the scheduler's locality hint. */
  @Override
  public String[] getLocations() throws IOException {
    if (segments.length == 1) {
      return segments[0].getLocations();
    }
    Map<String, Long> bytes = new HashMap<>();
    for (FileSplit s : segments) {
      for (String host : s.getLocations()) {
        bytes.merge(host, s.getLength(), Long::sum);
      }
    }
    return bytes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(MAX_HOSTS)
        .map(Map.Entry::getKey)
        .toArray(String[]::new);
  }

  @Override
  public org.apache.hadoop.mapred.SplitLocationInfo[] getLocationInfo() throws IOException {
    return segments.length == 1 ? segments[0].getLocationInfo() : null;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(segments.length);
    for (FileSplit s : segments) {
      s.write(out);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    segments = new FileSplit[in.readInt()];
    for (int i = 0; i < segments.length; i++) {
      segments[i] = new FileSplit();
      segments[i].readFields(in);
    }
  }

  @Override
  public String toString() {
    return segments.length == 1
        ? segments[0].toString()
        : segments.length + " files: " + Arrays.toString(segments);
  }
}
