package io.batchkit.mr.jobs;

import io.batchkit.core.io.LineCounter;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Line numbers for a task's records, opened only when a record is quarantined: a split knows byte
 * offsets, not lines, and counting from the file's start costs a read of everything before the
 * split. Clean splits never pay it.
 */
final class LineLocator implements AutoCloseable {
  private final Path path;
  private final Configuration conf;
  private LineCounter counter;

  LineLocator(Path path, Configuration conf) {
    this.path = path;
    this.conf = conf;
  }

  long lineAt(long offset) throws IOException {
    if (counter == null) {
      InputStream in = path.getFileSystem(conf).open(path);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      counter = new LineCounter(codec == null ? in : codec.createInputStream(in));
    }
    return counter.lineAt(offset);
  }

  @Override
  public void close() throws IOException {
    if (counter != null) {
      counter.close();
    }
  }
}
