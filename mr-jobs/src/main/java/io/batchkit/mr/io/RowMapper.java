package io.batchkit.mr.io;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.record.Outcome;
import io.batchkit.core.record.Records;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.TaskFaults;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The mapper of every job after {@code clean}, around the record front end ({@link Records}): each
 * record read is counted, one that cannot be used is quarantined with its line, and the split's
 * lines are recorded for {@link io.batchkit.mr.common.QuarantineLines}, so that none is lost and
 * read = invalid + what the job did with the rest. A job's mapper opens its input in {@code setup}
 * and says what becomes of one row.
 */
public abstract class RowMapper<K, V> extends Mapper<LongWritable, Text, K, V>
    implements BadFiles.Reading {
  /** The front end reading this task's records; its partition helpers describe the current row. */
  protected Records rows;

  /** Rows written as a dataset, and the quarantine. */
  protected DatasetOutput output;

  private InputSegments segments;
  private Context context;
  private String file;
  private long fileStart;
  private RecordCounter read;
  private RecordCounter invalid;
  private int maxRecordBytes;
  private final StringBuilder text = new StringBuilder(256);
  private HeaderCheck.InTask headers;

  /** Starts reading: the front end for this task's records and the counters of what was read. */
  protected final void open(
      Context context, Records records, Enum<?> readCounter, Enum<?> invalidCounter) {
    this.rows = records;
    this.output = new DatasetOutput(context);
    this.segments = new InputSegments(context.getInputSplit());
    this.context = context;
    this.file = segments.file();
    this.fileStart = segments.start();
    this.read = new RecordCounter(context.getCounter(readCounter));
    this.invalid = new RecordCounter(context.getCounter(invalidCounter));
    this.maxRecordBytes = RecordLimits.max(context.getConfiguration());
    this.headers =
        records instanceof io.batchkit.core.record.RawRecords
            ? new HeaderCheck.InTask(records.schema(), context)
            : null;
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    setup(context);
    try {
      TaskLines lines = new TaskLines(context, segments, this);
      while (lines.next()) {
        map(lines.key(), lines.value(), context);
      }
    } finally {
      cleanup(context);
    }
  }

  /** Another file of the split: its lines are counted anew, the last one's are recorded. */
  @Override
  public final void segmentStarted() throws IOException, InterruptedException {
    if (rows.lines() > 0) {
      output.lines(file, fileStart, rows.lines());
    }
    file = segments.file();
    fileStart = segments.start();
    rows.restartLines();
  }

  @Override
  public final long lines() {
    return rows.lines();
  }

  /** With --bad-files skip: one quarantine line stands for the unread rest of the file. */
  @Override
  public final void skipped(String reason) throws IOException, InterruptedException {
    read.increment();
    invalid.increment();
    output.quarantine(file, rows.lines() + 1, -1, "", BadFiles.violation(reason));
    context.getCounter(JobTool.UNREADABLE_FILES, file).increment(1);
  }

  @Override
  protected final void map(LongWritable key, Text value, Context context)
      throws IOException, InterruptedException {
    long offset = RecordLimits.offset(key.get());
    Outcome outcome =
        RecordLimits.isTooLarge(key.get())
            ? rows.tooLarge(value.getBytes(), value.getLength(), maxRecordBytes)
            : rows.read(offset, value.getBytes(), value.getLength());
    if (outcome == Outcome.HEADER && headers != null) {
      headers.header(file, value.getBytes(), value.getLength());
    }
    if (outcome == Outcome.HEADER || outcome == Outcome.BLANK) {
      return;
    }
    read.increment();
    if (outcome == Outcome.INVALID) {
      invalid.increment();
      output.quarantine(file, rows.line(), offset, rows.text(), rows.violations());
      return;
    }
    row(rows.values(), offset, context);
  }

  /** What becomes of one row (its typed values, reused for the next row). */
  protected abstract void row(Object[] row, long offset, Context context)
      throws IOException, InterruptedException;

  /** A row (or some of its values) as Hive text. */
  protected final String hiveText(Object[] values) {
    text.setLength(0);
    RowFormat.TEXT.append(values, text);
    return text.toString();
  }

  /** The line of the current row, counted from the split's first line. */
  protected final long line() {
    return rows.line();
  }

  /** The file of the current row. */
  protected final String file() {
    return file;
  }

  /**
   * Records how many lines the split held, so that the driver can make quarantine line numbers
   * count from the file's first line, and closes the output. A subclass that emits in cleanup does
   * so before calling this.
   */
  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    read.flush();
    invalid.flush();
    output.lines(file, fileStart, rows.lines());
    output.close();
    TaskFaults.atEnd(context);
  }
}
