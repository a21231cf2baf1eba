package io.batchkit.mr.common;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.InvalidJobConfException;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.mapreduce.security.TokenCache;

/**
 * Text output into a directory {@link OutputDirectory#prepare} has already taken: absent, or
 * emptied for {@code --overwrite} except for the metrics history it keeps. Hadoop's own check
 * refuses any existing directory, which would refuse the kept history.
 */
public class PreparedTextOutputFormat<K, V> extends TextOutputFormat<K, V> {
  @Override
  public void checkOutputSpecs(JobContext job) throws IOException {
    Path out = getOutputPath(job);
    if (out == null) {
      throw new InvalidJobConfException("Output directory not set.");
    }
    TokenCache.obtainTokensForNamenodes(
        job.getCredentials(), new Path[] {out}, job.getConfiguration());
  }
}
