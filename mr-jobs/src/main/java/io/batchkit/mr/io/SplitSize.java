package io.batchkit.mr.io;

import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.UsageException;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code --split-size}: small input files are packed into one map task's split up to this many
 * bytes ({@link CsvSplit#combine}); without it, Hadoop's {@code
 * mapreduce.input.fileinputformat.split.maxsize} if set, else 128m. Files larger than this are
 * split as Hadoop splits them.
 */
public final class SplitSize {
  public static final String OPTION = "split-size";
  public static final String USAGE =
      "  --split-size N        small files are read together, up to N bytes a task; default 128m";
  public static final String KEY = "batchkit.split.size";
  static final String HADOOP_MAX = "mapreduce.input.fileinputformat.split.maxsize";

  /** Set by the jobs whose tasks read records of several files in one split. */
  static final String COMBINE = "batchkit.split.combine";

  /** A path prefix whose files are never packed with others (clean's earlier keys). */
  public static final String SEPARATE = "batchkit.split.separate";

  static final long DEFAULT = 128L << 20;

  private SplitSize() {}

  /** Stores {@code --split-size} (or what Hadoop's setting or the default says) for the job. */
  public static void configure(String job, Args args, Configuration conf) throws UsageException {
    String given = args.get(OPTION, null);
    long size =
        given != null
            ? Args.bytes(job, given)
            : conf.getLong(KEY, conf.getLong(HADOOP_MAX, DEFAULT));
    if (size < 1) {
      throw new UsageException(job + ": --split-size must be at least 1 byte, e.g. 128m");
    }
    conf.setLong(KEY, size);
  }

  static long bytes(Configuration conf) {
    return conf.getLong(KEY, conf.getLong(HADOOP_MAX, DEFAULT));
  }
}
