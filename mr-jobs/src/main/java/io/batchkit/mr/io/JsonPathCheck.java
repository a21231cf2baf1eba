package io.batchkit.mr.io;

import io.batchkit.core.infer.JsonShape;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.JsonPath;
import io.batchkit.core.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

/**
 * The header check of JSON records: a column whose path reads nested objects ({@code log.level}: an
 * object {@code log} holding {@code level}) where the records have one field of that dotted name
 * ({@code {"log.level": ...}}, as log shippers write) would be NULL in every row without a word.
 */
final class JsonPathCheck {
  /** How much of the file is looked at: the records that fit. */
  private static final int HEAD = 256 * 1024;

  private JsonPathCheck() {}

  /**
   * What is wrong with the schema's paths for this file's first records; null when nothing, or when
   * the file cannot be read (its task says why, as {@code --bad-files} has it).
   */
  static String problem(Schema schema, FileStatus file, Configuration conf) {
    byte[] head;
    try (InputStream in =
        Codecs.decompressed(
            NioLocalFileSystem.openToRead(file.getPath().getFileSystem(conf), file.getPath()),
            file.getPath(),
            conf)) {
      head = in.readNBytes(HEAD);
    } catch (IOException unreadable) {
      return null;
    }
    // The paths the records have, by their names joined with dots whatever the names hold.
    Map<String, String> byDots = new HashMap<>();
    Set<String> present = new HashSet<>();
    for (String path : JsonShape.sniff(head, head.length, head.length < HEAD).paths()) {
      JsonPath p = JsonPath.parse(path);
      for (int n = 1; n <= p.steps().size(); n++) {
        present.add(p.canonical(n));
      }
      byDots.putIfAbsent(dotted(p), path);
    }
    for (Column c : schema.columns()) {
      JsonPath path = c.jsonPath();
      String written = path.canonical();
      String other = byDots.get(dotted(path));
      if (!present.contains(written) && other != null && !other.equals(written)) {
        return String.format(
            "column %s reads path %s (nested objects), which the first records of this file"
                + " do not have; they have %s, a name that holds a dot: write path: \"%s\"",
            c.name(), path.text(), other, other.replace("\"", "\\\""));
      }
    }
    return null;
  }

  private static String dotted(JsonPath path) {
    StringBuilder sb = new StringBuilder();
    for (Object step : path.steps()) {
      sb.append(step instanceof Integer i ? "[" + i + "]" : (sb.isEmpty() ? "" : ".") + step);
    }
    return sb.toString();
  }
}
