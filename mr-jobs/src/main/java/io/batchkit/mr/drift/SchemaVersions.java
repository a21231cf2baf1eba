package io.batchkit.mr.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.batchkit.core.schema.SchemaChange;
import io.batchkit.mr.common.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output's schema history ({@code schema_changes: add_columns}): {@code OUT/_schemas/vN.yaml},
 * the schema of the rows as version N wrote them, and {@code OUT/_schemas/versions.json}, each
 * version with what changed and why. A run starts from its schema file with every recorded change
 * applied, so a column added on Tuesday is still there on Wednesday, whatever Wednesday's files
 * hold; {@code _SCHEMA.yaml} beside the data is always the newest version.
 */
public final class SchemaVersions {
  public static final String DIR = Manifest.SCHEMAS_DIR;
  static final String FILE = "versions.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final Configuration conf;
  private final List<Map<String, Object>> versions;

  private SchemaVersions(Path dir, Configuration conf, List<Map<String, Object>> versions) {
    this.dir = dir;
    this.conf = conf;
    this.versions = versions;
  }

  /** The history kept in {@code output}; none yet when it has none. */
  public static SchemaVersions of(Path output, Configuration conf) throws IOException {
    Path dir = new Path(output, DIR);
    Path file = new Path(dir, FILE);
    FileSystem fs = file.getFileSystem(conf);
    if (!fs.exists(file)) {
      return new SchemaVersions(dir, conf, new ArrayList<>());
    }
    try (InputStream in = fs.open(file)) {
      Map<String, Object> root = JSON.readValue(in, new TypeReference<>() {});
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> v = (List<Map<String, Object>>) root.get("versions");
      return new SchemaVersions(dir, conf, new ArrayList<>(v));
    }
  }

  /** A history that starts now (an output written anew). */
  public static SchemaVersions none(Path output, Configuration conf) {
    return new SchemaVersions(new Path(output, DIR), conf, new ArrayList<>());
  }

  /** Every change recorded, oldest first: the schema file plus these is the newest version. */
  public List<SchemaChange> changes() {
    List<SchemaChange> all = new ArrayList<>();
    for (Map<String, Object> v : versions) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> changes = (List<Map<String, Object>>) v.get("changes");
      for (Map<String, Object> c : changes) {
        all.add(SchemaChange.fromMap(c));
      }
    }
    return all;
  }

  /** The newest version's number; 0 before the first. */
  public int current() {
    return versions.size();
  }

  /**
   * The version a run wrote its rows with: a new one when {@code changes} is not empty, when there
   * is none yet, or when the rows' schema differs from the newest version's (the schema file was
   * edited); else the newest.
   */
  public int record(String writtenSchema, List<SchemaChange> changes, String why)
      throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    if (!versions.isEmpty() && changes.isEmpty()) {
      Path newest = file(versions.size());
      if (fs.exists(newest) && body(read(fs, newest)).equals(writtenSchema)) {
        return versions.size();
      }
    }
    int n = versions.size() + 1;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("version", n);
    v.put("file", file(n).getName());
    v.put("at", Instant.now().toString());
    v.put(
        "why",
        n == 1
            ? "the schema file, first written by " + why
            : !changes.isEmpty()
                ? "called for by " + why
                : "the schema file changed, seen by " + why);
    v.put("changes", changes.stream().map(SchemaChange::toMap).toList());
    StringBuilder head = new StringBuilder("# version " + n + ": " + v.get("why") + "\n");
    for (SchemaChange c : changes) {
      head.append("#   ").append(c.line()).append('\n');
    }
    write(fs, file(n), head + writtenSchema);
    versions.add(v);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("current", n);
    root.put("versions", versions);
    write(fs, new Path(dir, FILE), JSON.writeValueAsString(root) + "\n");
    return n;
  }

  private Path file(int n) {
    return new Path(dir, "v" + n + ".yaml");
  }

  /** A version file without its comment lines, as the run wrote the rows' schema. */
  private static String body(String text) {
    int i = 0;
    while (text.startsWith("#   ", i) || text.startsWith("# version ", i)) {
      i = text.indexOf('\n', i) + 1;
    }
    return text.substring(i);
  }

  private static String read(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Written whole, then renamed over the old: a killed run leaves the old file or the new. */
  private static void write(FileSystem fs, Path p, String text) throws IOException {
    Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
    try (OutputStream os = fs.create(tmp, true)) {
      os.write(text.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(p, false);
    if (!fs.rename(tmp, p)) {
      throw new IOException("could not rename " + tmp + " to " + p);
    }
  }
}
