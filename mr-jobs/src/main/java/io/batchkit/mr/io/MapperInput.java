package io.batchkit.mr.io;

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

  public MapperInput(
      MapContext<?, ?, ?, ?> context,
      RowSource rows,
      DatasetOutput output,
      Enum<?> readCounter,
      Enum<?> invalidCounter) {
    this.rows = rows;
    this.output = output;
    this.file = ((FileSplit) context.getInputSplit()).getPath().toString();
    this.read = context.getCounter(readCounter);
    this.invalid = context.getCounter(invalidCounter);
  }

  /** The record's typed values (reused), or null if it was skipped or counted as invalid. */
  public Object[] read(LongWritable offset, Text value) throws IOException, InterruptedException {
    RowSource.Status status = rows.read(offset.get(), value.getBytes(), value.getLength());
    if (status == RowSource.Status.SKIPPED) {
      return null;
    }
    read.increment(1);
    if (status == RowSource.Status.INVALID) {
      invalid.increment(1);
      output.quarantine(file, offset.get(), rows.text(), rows.violations());
      return null;
    }
    return rows.values();
  }

  public RowSource rows() {
    return rows;
  }

  public String file() {
    return file;
  }
}
