package io.batchkit.mr.profile;

import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.io.BadFiles;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.HeaderCheck;
import io.batchkit.mr.io.InputSegments;
import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.io.TaskLines;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Profiles its split in memory; emits one profile per column (and the keys') at the end. */
public class ProfileMapper extends Mapper<LongWritable, Text, IntWritable, ProfileWritable>
    implements BadFiles.Reading {
  private Profiler profiler;
  private InputSegments segments;
  private Context context;
  private HeaderCheck.InTask headers;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    profiler = new Profiler(JobSchema.load(conf), DatasetInput.kind(conf), conf);
    segments = new InputSegments(context.getInputSplit());
    this.context = context;
    this.headers =
        DatasetInput.kind(conf) == DatasetInput.Kind.RAW
            ? new HeaderCheck.InTask(JobSchema.load(conf), context)
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

  @Override
  public void segmentStarted() {
    profiler.restartLines();
  }

  @Override
  public long lines() {
    return profiler.lines();
  }

  /** With --bad-files skip: the unread rest counts as one invalid record; the file is named. */
  @Override
  public void skipped(String reason) {
    profiler.unreadableFile();
    context.getCounter(JobTool.UNREADABLE_FILES, segments.file()).increment(1);
  }

  @Override
  protected void map(LongWritable offset, Text value, Context context) throws IOException {
    if (offset.get() == 0 && headers != null) {
      headers.header(segments.file(), value.getBytes(), value.getLength());
    }
    profiler.record(offset.get(), value.getBytes(), value.getLength());
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    context.getCounter(ProfileCounter.READ).increment(profiler.read());
    context.getCounter(ProfileCounter.VALID).increment(profiler.valid());
    long invalid = profiler.read() - profiler.valid();
    context.getCounter(ProfileCounter.INVALID).increment(invalid);
    profiler
        .recordViolations()
        .forEach((rule, n) -> context.getCounter(ProfileJob.RECORD_RULES_GROUP, rule).increment(n));
    ColumnProfile[] columns = profiler.columns();
    IntWritable key = new IntWritable();
    for (int i = 0; i < columns.length; i++) {
      key.set(i);
      context.write(key, new ProfileWritable(i, columns[i]));
    }
    if (profiler.keys() != null) {
      key.set(columns.length);
      context.write(key, new ProfileWritable(columns.length, profiler.keys()));
    }
  }
}
