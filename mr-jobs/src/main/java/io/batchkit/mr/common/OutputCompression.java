package io.batchkit.mr.common;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.io.compress.ZStandardCodec;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * Output compression by name. Each codec is tried on a few bytes here, in the client, so that a
 * codec this machine cannot run (zstd without Hadoop's native library) is a one-line error before
 * the job starts, not a task failure after it.
 */
public final class OutputCompression {
  private static final Map<String, Class<? extends CompressionCodec>> CODECS =
      Map.of("gzip", GzipCodec.class, "snappy", SnappyCodec.class, "zstd", ZStandardCodec.class);

  private OutputCompression() {}

  public static void configure(String jobName, Job job, String name) throws UsageException {
    if (name.equals("none")) {
      return;
    }
    Class<? extends CompressionCodec> codecClass = CODECS.get(name);
    if (codecClass == null) {
      throw new UsageException(
          jobName + ": --compress " + name + " is not known (expected none, gzip, snappy or zstd)");
    }
    try {
      CompressionCodec codec = ReflectionUtils.newInstance(codecClass, job.getConfiguration());
      try (OutputStream out = codec.createOutputStream(new ByteArrayOutputStream())) {
        out.write(new byte[] {'b', 'k'});
      }
    } catch (Exception | LinkageError e) {
      throw new UsageException(
          jobName
              + ": --compress "
              + name
              + " cannot run here ("
              + e.getMessage()
              + "); on the embedded runner use gzip or snappy, or install Hadoop's native library");
    }
    FileOutputFormat.setCompressOutput(job, true);
    FileOutputFormat.setOutputCompressorClass(job, codecClass);
  }
}
