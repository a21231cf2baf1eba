package io.batchkit.mr.io;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.MapContext;
import org.apache.hadoop.mapreduce.TaskCounter;

/**
 * A map task's records one by one, whether its reader hands them over in {@link LineBatch}es or
 * singly (a test harness, another input format): the loop of every mapper reading the front end's
 * input. Hadoop counts a batch as one map input record; the rest of it is counted here, so that
 * "Map input records" stays the number of records.
 */
public final class TaskLines {
  private final MapContext<?, ?, ?, ?> context;
  private final InputSegments segments;
  private final BadFiles.Reading reading;
  private final Counter inputRecords;
  private LineBatch batch;
  private int index;
  private LongWritable key;
  private Text value;
  private long records; // read from the current file

  /**
   * Records that tell {@code reading} when another file of the split starts and hand a file that
   * cannot be read to the end to {@link BadFiles}.
   */
  public TaskLines(
      MapContext<?, ?, ?, ?> context, InputSegments segments, BadFiles.Reading reading) {
    this.context = context;
    this.segments = segments;
    this.reading = reading;
    this.inputRecords = context.getCounter(TaskCounter.MAP_INPUT_RECORDS);
  }

  /** Records whose reading errors reach the caller as they are. */
  public static TaskLines plain(MapContext<?, ?, ?, ?> context) {
    return new TaskLines(context, null, null);
  }

  public boolean next() throws IOException, InterruptedException {
    if (batch != null && ++index < batch.size()) {
      return at(batch.key(index), batch.value(index));
    }
    batch = null;
    boolean more =
        reading == null
            ? context.nextKeyValue()
            : BadFiles.next(context, segments, reading, records);
    if (!more) {
      return false;
    }
    Object v = context.getCurrentValue();
    if (v instanceof LineBatch b) {
      batch = b;
      index = 0;
      inputRecords.increment(b.size() - 1L);
      return at(b.key(0), b.value(0));
    }
    return at((LongWritable) context.getCurrentKey(), (Text) v);
  }

  private boolean at(LongWritable k, Text v) throws IOException, InterruptedException {
    key = k;
    value = v;
    if (reading != null && segments.at(k)) {
      reading.segmentStarted();
      records = 0;
    }
    records++;
    return true;
  }

  public LongWritable key() {
    return key;
  }

  public Text value() {
    return value;
  }
}
