package io.batchkit.mr.clean;

import io.batchkit.core.io.QuarantineRecord;
import io.batchkit.core.io.RowFormat;
import io.batchkit.core.io.Utf8Buffer;
import io.batchkit.core.record.KeyColumns;
import io.batchkit.core.record.Outcome;
import io.batchkit.core.record.RawRecords;
import io.batchkit.core.record.Records;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.common.ColumnSelection;
import io.batchkit.mr.common.HmacKey;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.io.BadFiles;
import io.batchkit.mr.io.CsvSplit;
import io.batchkit.mr.io.HeaderCheck;
import io.batchkit.mr.io.InputSegments;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.RecordCounter;
import io.batchkit.mr.io.RecordLimits;
import io.batchkit.mr.io.TaskLines;
import io.batchkit.mr.quality.TaskMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/** Reads each record through the front end; quarantines the bad, writes or shuffles the good. */
public class CleanMapper extends Mapper<LongWritable, Text, Object, Object>
    implements BadFiles.Reading {
  private RawRecords records;
  private RowFormat format;
  private KeyColumns keys;
  private int[] kept;
  private Object[] projected;
  private CleanOutput output;
  private boolean dedupe;
  private boolean rowIsKey;
  private InputSegments segments;
  private Context context;
  private java.util.Map<String, Integer> inputIndex;
  private String file;
  private HeaderCheck.InTask headers;
  private int fileIndex;
  private long fileStart;
  private int maxRecordBytes;
  private TaskMetrics metrics;

  private final StringBuilder row = new StringBuilder(256);
  private final Utf8Buffer rowBytes = new Utf8Buffer();
  private final DedupeKey dedupeKey = new DedupeKey();
  private final DedupeValue shuffled = new DedupeValue();
  private final Text quarantineLine = new Text();
  private Counter headerCount;
  private Counter blankCount;
  private RecordCounter readCount;
  private RecordCounter validCount;
  private Counter quarantinedCount;
  private ViolationCounters violationCounters;

  @Override
  @SuppressWarnings("unchecked")
  protected void setup(Context context) throws IOException {
    Configuration conf = context.getConfiguration();
    segments = new InputSegments(context.getInputSplit());
    if (PriorKeys.holds(conf, segments.current().getPath())) {
      return; // a file of earlier runs' keys: see run()
    }
    Schema schema = JobSchema.load(conf);
    records = Records.raw(schema, HmacKey.inTask(schema, conf));
    format = RowFormat.parse(conf.get(CleanConfigKeys.FORMAT, "text"));
    keys = new KeyColumns(schema);
    kept = ColumnSelection.load(conf, CleanConfigKeys.COLUMNS);
    projected = kept == null ? null : new Object[kept.length];
    dedupe = context.getNumReduceTasks() > 0;
    rowIsKey = keys.wholeRow() && format == RowFormat.TEXT && kept == null;
    output =
        new CleanOutput(
            (TaskInputOutputContext<?, ?, NullWritable, Text>)
                (TaskInputOutputContext<?, ?, ?, ?>) context,
            schema);
    this.context = context;
    inputIndex = inputIndex(conf);
    file = segments.file();
    headers = new HeaderCheck.InTask(records.schema(), context);
    fileIndex = fileIndex(segments.current().getPath());
    fileStart = segments.start();
    maxRecordBytes = RecordLimits.max(conf);
    metrics = TaskMetrics.forTask(conf, schema);
    // Looked up once: a counter lookup per record is measurable at millions of records.
    headerCount = context.getCounter(CleanCounter.HEADER_LINES);
    blankCount = context.getCounter(CleanCounter.BLANK_LINES);
    readCount = new RecordCounter(context.getCounter(CleanCounter.READ));
    validCount = new RecordCounter(context.getCounter(CleanCounter.VALID));
    quarantinedCount = context.getCounter(CleanCounter.QUARANTINED);
    violationCounters = new ViolationCounters(context);
  }

  /** The job's input files (paths without scheme) and their index in its input list. */
  static java.util.Map<String, Integer> inputIndex(Configuration conf) {
    String[] inputs = conf.get(CleanConfigKeys.INPUTS, "").split("\n");
    java.util.Map<String, Integer> index = new java.util.HashMap<>(inputs.length * 2);
    for (int i = 0; i < inputs.length; i++) {
      index.putIfAbsent(inputs[i], i);
    }
    return index;
  }

  private int fileIndex(Path path) {
    Integer i = inputIndex.get(path.toUri().getPath());
    if (i == null) {
      throw new IllegalStateException("input " + path + " is not in the job's input list");
    }
    return i;
  }

  /** Another file of the split: its lines are counted anew, the last one's are recorded. */
  @Override
  public void segmentStarted() throws IOException, InterruptedException {
    if (records.lines() > 0) {
      output.lines(file, fileStart, records.lines());
    }
    file = segments.file();
    fileIndex = fileIndex(segments.current().getPath());
    fileStart = segments.start();
    records.restartLines();
  }

  @Override
  public long lines() {
    return records.lines();
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    if (PriorKeys.holds(
        context.getConfiguration(), CsvSplit.segments(context.getInputSplit())[0].getPath())) {
      PriorKeys.shuffle(context);
      return;
    }
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

  /** With --bad-files skip: one quarantine line stands for the unread rest of the file. */
  @Override
  public void skipped(String reason) throws IOException, InterruptedException {
    readCount.increment();
    String json =
        QuarantineRecord.toJson(
            file, records.lines() + 1, -1, "", null, 0, BadFiles.violation(reason));
    quarantineLine.set(json.getBytes(StandardCharsets.UTF_8));
    output.outputs().write(NullWritable.get(), quarantineLine, "quarantine/part");
    quarantinedCount.increment(1);
    violationCounters.count(BadFiles.violation(reason));
    context.getCounter(CleanCounter.UNREADABLE_FILES).increment(1);
    context.getCounter(JobTool.UNREADABLE_FILES, file).increment(1);
  }

  @Override
  protected void map(LongWritable key, Text value, Context context)
      throws IOException, InterruptedException {
    long offset = RecordLimits.offset(key.get());
    Outcome outcome =
        RecordLimits.isTooLarge(key.get())
            ? records.tooLarge(value.getBytes(), value.getLength(), maxRecordBytes)
            : records.read(offset, value.getBytes(), value.getLength());
    switch (outcome) {
      case HEADER -> {
        headerCount.increment(1);
        headers.header(file, value.getBytes(), value.getLength());
      }
      case BLANK -> blankCount.increment(1);
      case INVALID -> {
        readCount.increment();
        quarantine(offset, value, context);
      }
      case VALID -> {
        readCount.increment();
        Object[] values = records.values();
        if (metrics != null) {
          metrics.add(values);
        }
        row.setLength(0);
        format.append(
            kept == null ? values : ColumnSelection.project(kept, values, projected), row);
        rowBytes.encode(row);
        byte[] bytes = rowBytes.bytes();
        int length = rowBytes.length();
        if (dedupe) {
          // The file's index and the record's offset order a key's records as the input does.
          if (rowIsKey) {
            dedupeKey.set(bytes, length, fileIndex, offset);
            shuffled.setRowIsKey(records.partitionDir());
          } else {
            byte[] k = keys.text(values).getBytes(StandardCharsets.UTF_8);
            dedupeKey.set(k, k.length, fileIndex, offset);
            shuffled.set(records.partitionDir(), bytes, length);
          }
          context.write(dedupeKey, shuffled);
          validCount.increment();
        } else {
          output.clean(records.partitionDir(), bytes, length);
        }
      }
    }
  }

  private void quarantine(long offset, Text value, Context context)
      throws IOException, InterruptedException {
    List<Violation> violations = records.violations();
    String json =
        QuarantineRecord.toJson(
            file,
            records.line(),
            offset,
            records.text(),
            records.invalidBytes() ? value.getBytes() : null,
            value.getLength(),
            violations);
    quarantineLine.set(json.getBytes(StandardCharsets.UTF_8));
    output.outputs().write(NullWritable.get(), quarantineLine, "quarantine/part");
    quarantinedCount.increment(1);
    violationCounters.count(violations);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    readCount.flush();
    validCount.flush();
    // Later splits of the file need this split's line count as part of their base.
    output.lines(file, fileStart, records.lines());
    output.close();
    if (metrics != null) {
      metrics.write(context);
    }
    TaskFaults.atEnd(context);
  }
}
