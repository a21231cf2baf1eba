package io.batchkit.mr.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a job's output files back, independently of the job's own code. */
public final class OutputFiles {
  private OutputFiles() {}

  /** All lines of the data files under {@code dir} (gzip-decoded), in path order. */
  public static List<String> lines(Path dir) {
    List<String> out = new ArrayList<>();
    for (Path p : files(dir)) {
      out.addAll(List.of(text(p).split("\n", -1)));
      if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
        out.remove(out.size() - 1);
      }
    }
    return out;
  }

  /**
   * The data files under {@code dir}, in path order.
   *
   * @throws IllegalStateException when there is no {@code dir}: two missing outputs must not
   *     compare equal as two empty ones
   */
  public static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no output folder " + dir);
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p ->
                  !p.getFileName().toString().startsWith(".")
                      && !p.getFileName().toString().startsWith("_"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      InputStream s = p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      s.transferTo(b);
      return b.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of every data file under {@code dir}, by relative path. */
  public static TreeMap<String, String> digests(Path dir) throws Exception {
    TreeMap<String, String> out = new TreeMap<>();
    for (Path p : files(dir)) {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
      out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(d));
    }
    return out;
  }

  /**
   * Every data line under OUT/clean and OUT/quarantine (hidden files left out): directory -> sorted
   * lines, to compare outputs whose file names differ.
   */
  public static Map<String, List<String>> rowsByDirectory(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      throw new IllegalStateException("no output folder " + out);
    }
    Map<String, List<String>> m = new TreeMap<>();
    for (String data : List.of("clean", "quarantine")) {
      Path base = out.resolve(data);
      if (!Files.exists(base)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(base)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String name = f.getFileName().toString();
          if (!name.startsWith(".") && !name.startsWith("_")) {
            m.computeIfAbsent(out.relativize(f.getParent()).toString(), k -> new ArrayList<>())
                .addAll(Files.readAllLines(f));
          }
        }
      }
    }
    m.values().forEach(Collections::sort);
    return m;
  }
}
