package io.batchkit.mr.io;

import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.UsageException;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code --max-record-bytes}: a record longer than this is quarantined ({@code record_too_large})
 * with its first bytes, instead of being read whole into a task's heap (a 200 MB line with no line
 * break would otherwise kill the task, again on every retry). The readers mark such a record by a
 * negative key, {@code -(offset + 1)}, and hand over only its start.
 */
public final class RecordLimits {
  public static final String OPTION = "max-record-bytes";
  public static final String USAGE =
      "  --max-record-bytes N  longer records are quarantined (record_too_large); default 64m";
  public static final String KEY = "batchkit.max.record.bytes";
  public static final int DEFAULT = 64 << 20;

  /** What of a too-large record reaches the quarantine. */
  public static final int KEPT = 1024;

  private RecordLimits() {}

  /** Stores {@code --max-record-bytes} (or the default) for the tasks. */
  public static void configure(String job, Args args, Configuration conf) throws UsageException {
    long max = Args.bytes(job, args.get(OPTION, String.valueOf(conf.getInt(KEY, DEFAULT))));
    if (max < 1024 || max > Integer.MAX_VALUE - 16) {
      throw new UsageException(job + ": --max-record-bytes must be between 1k and 2g");
    }
    conf.setInt(KEY, (int) max);
  }

  public static int max(Configuration conf) {
    return conf.getInt(KEY, DEFAULT);
  }

  /** The key of a too-large record starting at {@code offset}. */
  static long tooLargeKey(long offset) {
    return -offset - 1;
  }

  public static boolean isTooLarge(long key) {
    return key < 0;
  }

  /** A record's offset in its file, from its key. */
  public static long offset(long key) {
    return key < 0 ? -key - 1 : key;
  }
}
