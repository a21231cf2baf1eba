package io.batchkit.mr.clean;

import io.batchkit.mr.io.TaskLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The keys earlier incremental runs kept, so that {@code --dedupe} drops a key seen on Monday when
 * it comes again on Tuesday. Each run's reducers write the keys they keep (one base64 line each,
 * under the run's {@code keys/}, published to {@code OUT/_keys/index/}); the next run reads that
 * index as extra input and shuffles each key with a file index below every real file's, so it sorts
 * first in its group and every record of the key that follows is a duplicate. Cost: each run
 * shuffles all keys kept so far (README).
 */
final class PriorKeys {
  /** The file index of an earlier run's key: sorts before every input file (0, 1, ...). */
  static final int FILE_INDEX = -1;

  /** The reducers' named output for the keys kept. */
  static final String OUTPUT = "keys";

  private PriorKeys() {}

  static String encode(byte[] key) {
    return Base64.getEncoder().encodeToString(key);
  }

  /** Whether a split is a file of the key index rather than input data. */
  static boolean holds(Configuration conf, Path file) {
    String dir = conf.get(CleanConfigKeys.PRIOR_KEYS);
    return dir != null
        && file.getParent().toUri().getPath().equals(new Path(dir).toUri().getPath());
  }

  /** Shuffles every key of the split, marked as seen before. */
  static void shuffle(Mapper<LongWritable, Text, Object, Object>.Context context)
      throws IOException, InterruptedException {
    DedupeKey key = new DedupeKey();
    DedupeValue marker = new DedupeValue();
    marker.setRowIsKey("");
    TaskLines lines = TaskLines.plain(context);
    while (lines.next()) {
      Text line = lines.value();
      String text =
          new String(line.getBytes(), 0, line.getLength(), StandardCharsets.US_ASCII).strip();
      if (text.isEmpty()) {
        continue;
      }
      byte[] k = Base64.getDecoder().decode(text);
      key.set(k, k.length, FILE_INDEX, 0);
      context.write(key, marker);
    }
  }
}
