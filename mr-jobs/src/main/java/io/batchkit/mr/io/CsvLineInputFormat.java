package io.batchkit.mr.io;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * One record per line, for schemas without {@code multiline}. Keys are byte offsets in the
 * (decompressed) file, so offset 0 is always a file's first line: its header. Compressed files are
 * never split: a bzip2 split would give compressed offsets, which can't be turned into line numbers
 * for quarantine records. Lines longer than {@code --max-record-bytes} are handed over marked, not
 * whole ({@link BoundedLineRecordReader}). Small files are read several to a task ({@link
 * CsvSplit#combine}) when the job asks for it.
 */
public class CsvLineInputFormat extends FileInputFormat<LongWritable, LineBatch> {
  @Override
  public RecordReader<LongWritable, LineBatch> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new LineBatchReader(new SegmentedRecordReader(BoundedLineRecordReader::new));
  }

  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    return CsvSplit.of(super.getSplits(job), job.getConfiguration());
  }

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return Codecs.of(file, context.getConfiguration()) == null;
  }
}
