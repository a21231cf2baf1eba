package io.batchkit.mr.io;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The options every job that reads records takes, whatever it does with them: how to check a raw
 * file's header ({@link HeaderCheck}), what to do with a file that cannot be read to its end
 * ({@link BadFiles}), the longest record ({@link RecordLimits}) and how many bytes of small files
 * one task reads ({@link SplitSize}).
 */
public final class ReaderOptions {
  /** Their lines in a job's usage text. */
  public static final String USAGE =
      String.join("\n", HeaderCheck.USAGE, BadFiles.USAGE, RecordLimits.USAGE, SplitSize.USAGE);

  private static final List<String> NAMES =
      List.of(HeaderCheck.OPTION, BadFiles.OPTION, RecordLimits.OPTION, SplitSize.OPTION);

  private ReaderOptions() {}

  /** A job's own options that take a value, and these. */
  public static Set<String> with(String... own) {
    Set<String> all = new HashSet<>(List.of(own));
    all.addAll(NAMES);
    return Set.copyOf(all);
  }
}
