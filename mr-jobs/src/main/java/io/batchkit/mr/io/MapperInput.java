package io.batchkit.mr.io;

import io.batchkit.mr.jobs.CleanJob;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.MapContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * The first steps of every mapper after {@code clean}: turn the record into typed values, skip
 * header and blank lines, and count and quarantine a record that cannot be used, so that none is
 * lost and read = invalid + what the job did with the rest.
 */
public final class MapperInput {
  private final RowSource rows;
  private final DatasetOutput output;
  private final String file;
  private final Counter read;
  private final Counter invalid;
  private final long splitStart;
  private final boolean multiline;

  /** The line (from the split's first, 1-based) of the last record, and of the next. */
  private long line;

  private long nextLine = 1;

  public MapperInput(
      MapContext<?, ?, ?, ?> context,
      RowSource rows,
      DatasetOutput output,
      Enum<?> readCounter,
      Enum<?> invalidCounter) {
    this.rows = rows;
    this.output = output;
    FileSplit split = (FileSplit) context.getInputSplit();
    this.file = split.getPath().toString();
    this.splitStart = split.getStart();
    this.multiline = rows.multilineRecords();
    this.read = context.getCounter(readCounter);
    this.invalid = context.getCounter(invalidCounter);
  }

  /** The record's typed values (reused), or null if it was skipped or counted as invalid. */
  public Object[] read(LongWritable offset, Text value) throws IOException, InterruptedException {
    line = nextLine;
    nextLine +=
        multiline ? 1 + CleanJob.CleanMapper.lineBreaks(value.getBytes(), value.getLength()) : 1;
    RowSource.Status status = rows.read(offset.get(), value.getBytes(), value.getLength());
    if (status == RowSource.Status.SKIPPED) {
      return null;
    }
    read.increment(1);
    if (status == RowSource.Status.INVALID) {
      invalid.increment(1);
      output.quarantine(file, line, offset.get(), rows.text(), rows.violations());
      return null;
    }
    return rows.values();
  }

  /** The line of the last record read, counted from the split's first line. */
  public long line() {
    return line;
  }

  /**
   * Records how many lines the split held, so that the driver ({@link QuarantineLines}) can make
   * quarantine line numbers count from the file's first line. Call before the output closes.
   */
  public void finish() throws IOException, InterruptedException {
    output.lines(file, splitStart, nextLine - 1);
  }

  public RowSource rows() {
    return rows;
  }

  public String file() {
    return file;
  }
}
