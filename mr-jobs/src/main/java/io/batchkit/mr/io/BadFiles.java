package io.batchkit.mr.io;

import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.MapContext;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * {@code --bad-files fail|skip}: what a task does when its file cannot be read to the end (a
 * truncated or corrupt {@code .gz}, a block that cannot be read). {@code fail} (the default) fails
 * the job with one line naming the file; {@code skip} keeps the records read before the damage,
 * quarantines one line for the rest ({@code unreadable_file}) and finishes.
 */
public final class BadFiles {
  public static final String OPTION = "bad-files";
  public static final String USAGE =
      "  --bad-files M       fail (default) or skip: a file that cannot be read to its end";
  public static final String KEY = "batchkit.bad.files";

  private BadFiles() {}

  public static void configure(String job, Args args, Configuration conf) throws UsageException {
    String mode = args.get(OPTION, "fail").toLowerCase(Locale.ROOT);
    if (!mode.equals("fail") && !mode.equals("skip")) {
      throw new UsageException(job + ": --bad-files must be fail or skip, not " + mode);
    }
    conf.set(KEY, mode);
  }

  public static boolean skip(Configuration conf) {
    return conf.get(KEY, "fail").equals("skip");
  }

  /** What a mapper tells and is told while it reads its split, file by file. */
  public interface Reading {
    /**
     * The task reads another file of its split from now on ({@link InputSegments#current}): the
     * mapper closes its account of the previous one and starts counting this one's lines.
     */
    void segmentStarted() throws IOException, InterruptedException;

    /** Lines read so far in the current file's segment. */
    long lines();

    /** With --bad-files skip: one quarantine entry, counted, for the unread rest of the file. */
    void skipped(String reason) throws IOException, InterruptedException;
  }

  /**
   * {@code context.nextKeyValue()} for {@link TaskLines}: when a file cannot be read on, fails the
   * task naming it or, with {@code --bad-files skip}, hands the reason to {@code reading} and goes
   * on with the split's next file.
   */
  static boolean next(
      MapContext<?, ?, ?, ?> context, InputSegments segments, Reading reading, long records)
      throws IOException, InterruptedException {
    while (true) {
      try {
        return context.nextKeyValue();
      } catch (UnreadableSegmentException e) {
        if (segments.at(e.segment())) {
          reading.segmentStarted();
          records = 0;
        }
        String reason = reason(segments.file(), reading.lines(), records, e.reason());
        if (!skip(context.getConfiguration())) {
          throw fail(context, reason, e.reason());
        }
        reading.skipped(reason);
      }
    }
  }

  /**
   * What went wrong, in words a user acts on: where, by line and, when the file holds more records
   * than lines (JSON objects back to back), by record.
   */
  static String reason(String file, long line, long records, IOException e) {
    return file
        + ": cannot be read after "
        + (records > line
            ? String.format(Locale.ROOT, "record %,d, on line %,d", records, line + 1)
            : "line " + line)
        + " ("
        + e.getClass().getSimpleName()
        + ": "
        + e.getMessage()
        + "): the file is truncated or corrupt";
  }

  /** The quarantine entry standing for the unread rest of a file. */
  public static List<Violation> violation(String reason) {
    return List.of(new Violation(null, Rule.UNREADABLE_FILE, reason));
  }

  /**
   * Fails the task with the reason, first leaving it in {@code OUT/_errors/} for the driver: the
   * local runner does not hand task diagnostics back.
   */
  static IOException fail(TaskAttemptContext context, String reason, IOException cause) {
    return failTask(
        context, reason + "; replace or remove it, or re-run with --bad-files skip", cause);
  }

  /** Fails the task with one line, left in {@code OUT/_errors/} for the driver to print. */
  static IOException failTask(TaskAttemptContext context, String line, IOException cause) {
    try {
      Path out = FileOutputFormat.getOutputPath(context);
      if (out != null) {
        Path note =
            new Path(new Path(out, JobTool.TASK_ERRORS), context.getTaskAttemptID().toString());
        try (OutputStream os = note.getFileSystem(context.getConfiguration()).create(note, true)) {
          os.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e); // the task fails anyway, with its own reason
    }
    return new IOException(line, cause);
  }
}
