package io.batchkit.mr.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaChange;
import io.batchkit.core.schema.SchemaChanges;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Carries the schema from the client to the tasks inside the job configuration: schema files are
 * small, and this way a task never depends on the client's file still being there.
 */
public final class JobSchema {
  static final String YAML = "batchkit.schema.yaml.base64";
  static final String SOURCE = "batchkit.schema.source";

  /** The changes made to the schema file's columns since ({@code schema_changes}), as JSON. */
  static final String CHANGES = "batchkit.schema.changes";

  /** {@code --schema-changes}, when it overrides the file's policy. */
  static final String POLICY = "batchkit.schema.changes.policy";

  private JobSchema() {}

  /** Reads a schema file from any Hadoop filesystem (local, HDFS, S3). */
  public static byte[] read(String location, Configuration conf) throws IOException {
    Path p = new Path(location);
    FileSystem fs = p.getFileSystem(conf);
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }

  /** The same, or a one-line usage error naming the job and the option to check. */
  public static byte[] read(String job, String option, String location, Configuration conf)
      throws UsageException {
    try {
      return read(location, conf);
    } catch (IOException e) {
      throw new UsageException(
          job
              + ": cannot read schema "
              + location
              + " ("
              + e.getMessage()
              + "); check --"
              + option);
    }
  }

  public static void store(Configuration conf, byte[] yaml, String source) {
    conf.set(YAML, Base64.getEncoder().encodeToString(yaml));
    conf.set(SOURCE, source);
  }

  /** Stores a second schema (e.g. a lookup table's) under its own name. */
  public static void store(Configuration conf, String slot, byte[] yaml, String source) {
    conf.set(YAML + "." + slot, Base64.getEncoder().encodeToString(yaml));
    conf.set(SOURCE + "." + slot, source);
  }

  public static Schema load(Configuration conf, String slot) {
    byte[] yaml =
        Base64.getDecoder().decode(conf.get(YAML + "." + slot).getBytes(StandardCharsets.US_ASCII));
    return SchemaParser.parse(yaml, conf.get(SOURCE + "." + slot, slot));
  }

  /**
   * Stores the schema the tasks read: the file's, with these changes and this policy (the file's
   * own when null), so that every task reads the version the driver settled on.
   */
  public static void store(
      Configuration conf,
      byte[] yaml,
      String source,
      List<SchemaChange> changes,
      SchemaChanges policy) {
    store(conf, yaml, source);
    if (!changes.isEmpty()) {
      conf.set(CHANGES, json(changes));
    }
    if (policy != null) {
      conf.set(POLICY, policy.key());
    }
  }

  /**
   * Schemas loaded from job configurations, by what was stored. Every task of a job loads the same
   * one, and so does each combiner run and each partial state Hadoop makes through the
   * configuration: in the local runner, where they share a JVM, parsing it again each time was 1%
   * of an aggregate's CPU, and parsing its bounds from strings sent the compiled per-row parsers
   * back to the interpreter once per task. A schema is immutable.
   */
  private static final Map<List<String>, Schema> LOADED = new ConcurrentHashMap<>();

  private static final int LOADED_MAX = 64;

  public static Schema load(Configuration conf) {
    String encoded = conf.get(YAML);
    if (encoded == null) {
      throw new IllegalStateException("no schema in the job configuration (" + YAML + ")");
    }
    List<String> stored =
        Arrays.asList(encoded, conf.get(SOURCE, "schema"), conf.get(CHANGES), conf.get(POLICY));
    Schema schema = LOADED.get(stored);
    if (schema == null) {
      schema = parse(stored.get(0), stored.get(1), stored.get(2), stored.get(3));
      if (LOADED.size() >= LOADED_MAX) {
        LOADED.clear();
      }
      LOADED.put(stored, schema);
    }
    return schema;
  }

  private static Schema parse(String encoded, String source, String changes, String policy) {
    byte[] yaml = Base64.getDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII));
    Schema schema = SchemaParser.parse(yaml, source);
    if (changes != null) {
      schema = SchemaChange.apply(schema, changes(changes));
    }
    return policy == null ? schema : schema.withSchemaChanges(SchemaChanges.of(policy));
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String json(List<SchemaChange> changes) {
    try {
      return JSON.writeValueAsString(changes.stream().map(SchemaChange::toMap).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<SchemaChange> changes(String json) {
    try {
      List<Map<String, Object>> maps = JSON.readValue(json, new TypeReference<>() {});
      return maps.stream().map(SchemaChange::fromMap).toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a list of schema changes: " + e.getMessage(), e);
    }
  }
}
