package io.batchkit.mr.infer;

import io.batchkit.core.infer.Dialect;
import io.batchkit.core.infer.FileKind;
import io.batchkit.core.infer.JsonShape;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The dialect guessed before the job: from the first file's first MiB; for JSON, whose records need
 * not all carry every field (a stream's producers add fields as they go), the paths of up to {@link
 * #JSON_FILES} files spread over the input, the last one included.
 */
final class Sniff {
  /** Bytes of the first file read to guess its dialect. */
  static final int HEAD = 1 << 20;

  /** Files whose heads give a JSON input's paths, and the bytes read from each after the first. */
  static final int JSON_FILES = 32;

  static final int JSON_HEAD = 256 << 10;

  private Sniff() {}

  static Dialect dialect(List<FileStatus> files, Configuration conf, Boolean header)
      throws UsageException {
    Path path = files.get(0).getPath();
    JsonShape.Head first;
    try {
      first = head(path, conf, HEAD);
    } catch (IOException e) {
      throw new UsageException(
          InferJob.NAME
              + ": "
              + path
              + ": cannot be read from its start ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "): the file is corrupt or not what its name says; replace or remove it, or point"
              + " --input at the other files");
    }
    String notText = FileKind.notText(path.getName(), first.bytes(), first.length());
    if (notText != null) {
      throw new UsageException(InferJob.NAME + ": " + path + ": " + notText);
    }
    Dialect dialect = Dialect.sniff(first.bytes(), first.length(), first.complete(), header);
    if (dialect.json() == null || files.size() == 1) {
      return dialect;
    }
    List<JsonShape.Head> heads = new ArrayList<>(List.of(first));
    for (int i : spread(files.size(), JSON_FILES - 1)) {
      try {
        heads.add(head(files.get(i).getPath(), conf, JSON_HEAD));
      } catch (IOException e) {
        // Left to the job, which fails naming the file or skips it, as --bad-files says.
      }
    }
    return Dialect.json(JsonShape.sniff(heads));
  }

  /** Up to {@code k} distinct indexes in {@code 1..n-1}, evenly apart, {@code n - 1} last. */
  static List<Integer> spread(int n, int k) {
    List<Integer> out = new ArrayList<>();
    for (int j = 1; j <= k; j++) {
      int i = (int) ((long) j * (n - 1) / k);
      if (i > 0 && (out.isEmpty() || out.get(out.size() - 1) != i)) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * A file's first {@code max} bytes, decompressed; of a damaged file (a cut {@code .gz}), what
   * could be read before the damage: the job then fails or skips the file, as --bad-files says.
   *
   * @throws IOException when not a byte could be read
   */
  static JsonShape.Head head(Path file, Configuration conf, int max) throws IOException {
    byte[] head = new byte[max];
    int n = 0;
    try (InputStream raw = file.getFileSystem(conf).open(file)) {
      try (InputStream s = Codecs.decompressed(raw, file, conf)) {
        for (int r; n < head.length && (r = s.read(head, n, head.length - n)) > 0; ) {
          n += r;
        }
        return new JsonShape.Head(head, n, n < head.length || s.read() < 0);
      }
    } catch (IOException e) {
      if (n == 0) {
        throw e;
      }
      return new JsonShape.Head(head, n, false);
    }
  }
}
