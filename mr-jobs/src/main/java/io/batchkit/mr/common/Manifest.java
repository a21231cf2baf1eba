package io.batchkit.mr.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchkit.core.schema.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/** {@code OUT/_MANIFEST.json} of every job: what was read, what came of it, from which schema. */
public final class Manifest {
  public static final String FILE = "_MANIFEST.json";

  /** Beside the manifest: the schema of the rows a job wrote, which the next job reads. */
  public static final String SCHEMA_FILE = "_SCHEMA.yaml";

  /** Where an output keeps its schema versions ({@code schema_changes: add_columns}). */
  public static final String SCHEMAS_DIR = "_schemas";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root = JSON.createObjectNode();

  public Manifest(
      String job, Schema schema, Job hadoopJob, List<FileStatus> inputs, Instant started) {
    root.put("job", job);
    root.put("dataset", schema.name());
    root.put("schema", schema.source());
    root.put("schema_sha256", schema.sha256());
    root.put("job_id", hadoopJob.getJobID() == null ? null : hadoopJob.getJobID().toString());
    root.put("started", started.toString());
    root.put("finished", Instant.now().toString());
    root.putObject("counts");
    var in = root.putArray("inputs");
    for (FileStatus f : inputs) {
      in.addObject().put("path", f.getPath().toString()).put("bytes", f.getLen());
    }
    root.putObject("outputs");
  }

  public Manifest count(String name, long value) {
    ((ObjectNode) root.get("counts")).put(name, value);
    return this;
  }

  public Manifest output(String name, String value) {
    ((ObjectNode) root.get("outputs")).put(name, value);
    return this;
  }

  /** An output entry that is a list or a tree (e.g. the partitions written). */
  public Manifest output(String name, Object value) {
    ((ObjectNode) root.get("outputs")).set(name, JSON.valueToTree(value));
    return this;
  }

  /**
   * A section about the counts (what was skipped, the violations by rule), kept beside them: before
   * the inputs and outputs.
   */
  public Manifest detail(String name, Object value) {
    var inputs = root.remove("inputs");
    var outputs = root.remove("outputs");
    root.set(name, JSON.valueToTree(value));
    root.set("inputs", inputs);
    root.set("outputs", outputs);
    return this;
  }

  /** Any other section, as a tree of maps, lists, strings and numbers. */
  public Manifest section(String name, Object value) {
    root.set(name, JSON.valueToTree(value));
    return this;
  }

  public ObjectNode root() {
    return root;
  }

  public long count(String name) {
    return root.get("counts").get(name).asLong();
  }

  void write(Path output, Configuration conf) throws IOException {
    FileSystem fs = output.getFileSystem(conf);
    try (OutputStream os = fs.create(new Path(output, FILE), true)) {
      JSON.writeValue(os, root);
    }
  }

  /** Reads a manifest as a plain tree (for the next job, or a pipeline). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path dir, Configuration conf) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    try (java.io.InputStream in = fs.open(new Path(dir, FILE))) {
      return JSON.readValue(in, Map.class);
    }
  }

  /**
   * Adds an entry to the list {@code name} of a finished output's manifest, replacing the file in
   * one step: a reader finds the old manifest or the new one, never none.
   */
  public static void append(Path dir, Configuration conf, String name, Map<String, Object> entry)
      throws IOException {
    Map<String, Object> manifest = read(dir, conf);
    @SuppressWarnings("unchecked")
    java.util.List<Object> list =
        new java.util.ArrayList<>(
            (java.util.List<Object>) manifest.getOrDefault(name, java.util.List.of()));
    list.add(entry);
    manifest.put(name, list);
    Path tmp = new Path(dir, "." + FILE + ".tmp");
    try (java.io.OutputStream os = dir.getFileSystem(conf).create(tmp, true)) {
      JSON.writeValue(os, manifest);
    }
    org.apache.hadoop.fs.FileContext.getFileContext(dir.toUri(), conf)
        .rename(tmp, new Path(dir, FILE), org.apache.hadoop.fs.Options.Rename.OVERWRITE);
  }
}
