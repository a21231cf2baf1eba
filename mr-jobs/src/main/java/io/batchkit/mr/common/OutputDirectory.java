package io.batchkit.mr.common;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Refuses an existing output directory unless told to overwrite it. */
public final class OutputDirectory {
  private OutputDirectory() {}

  public static void prepare(String job, Path output, boolean overwrite, Configuration conf)
      throws IOException, UsageException {
    FileSystem fs = output.getFileSystem(conf);
    if (!fs.exists(output)) {
      return;
    }
    if (!overwrite) {
      throw new UsageException(
          job
              + ": output "
              + output
              + " already exists; pass --overwrite to replace it, or choose another --output");
    }
    if (!fs.delete(output, true)) {
      throw new UsageException(
          job + ": could not delete " + output + " for --overwrite; check permissions");
    }
  }
}
