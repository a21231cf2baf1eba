package io.batchkit.mr.io;

import io.batchkit.core.record.Outcome;
import io.batchkit.core.record.Records;
import io.batchkit.mr.common.QuarantineLines;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.MapContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * The Hadoop side of the record front end ({@link Records}) for the jobs after {@code clean}: count
 * each record read, quarantine one that cannot be used, and record the split's lines, so that none
 * is lost and read = invalid + what the job did with the rest.
 */
public final class MapperInput {
  private final Records rows;
  private final DatasetOutput output;
  private final String file;
  private final Counter read;
  private final Counter invalid;
  private final long splitStart;

  public MapperInput(
      MapContext<?, ?, ?, ?> context,
      Records rows,
      DatasetOutput output,
      Enum<?> readCounter,
      Enum<?> invalidCounter) {
    this.rows = rows;
    this.output = output;
    FileSplit split = (FileSplit) context.getInputSplit();
    this.file = split.getPath().toString();
    this.splitStart = split.getStart();
    this.read = context.getCounter(readCounter);
    this.invalid = context.getCounter(invalidCounter);
  }

  /** The record's typed values (reused), or null if it was skipped or counted as invalid. */
  public Object[] read(LongWritable offset, Text value) throws IOException, InterruptedException {
    Outcome outcome = rows.read(offset.get(), value.getBytes(), value.getLength());
    if (outcome == Outcome.HEADER || outcome == Outcome.BLANK) {
      return null;
    }
    read.increment(1);
    if (outcome == Outcome.INVALID) {
      invalid.increment(1);
      output.quarantine(file, rows.line(), offset.get(), rows.text(), rows.violations());
      return null;
    }
    return rows.values();
  }

  /** The line of the last record read, counted from the split's first line. */
  public long line() {
    return rows.line();
  }

  /**
   * Records how many lines the split held, so that the driver ({@link QuarantineLines}) can make
   * quarantine line numbers count from the file's first line. Call before the output closes.
   */
  public void finish() throws IOException, InterruptedException {
    output.lines(file, splitStart, rows.lines());
  }

  public Records rows() {
    return rows;
  }

  public String file() {
    return file;
  }
}
