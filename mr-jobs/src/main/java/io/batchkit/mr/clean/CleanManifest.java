package io.batchkit.mr.clean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.batchkit.core.io.RowFormat;
import io.batchkit.core.schema.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/** {@code OUT/_MANIFEST.json}: what was read, what came of it, and from which schema. */
final class CleanManifest {
  private final Schema schema;
  private final Job job;
  private final List<FileStatus> inputs;
  private final Path output;
  private final RowFormat format;
  private final String compress;
  private final boolean dedupe;
  private final Instant started;
  private final Instant finished;
  private final Map<String, Long> counts = new java.util.LinkedHashMap<>();
  private final Map<String, Map<String, Long>> violations = new TreeMap<>();
  private final Map<String, Long> rules = new TreeMap<>();

  CleanManifest(
      Schema schema,
      Job job,
      List<FileStatus> inputs,
      Path output,
      RowFormat format,
      String compress,
      boolean dedupe,
      Instant started,
      Instant finished)
      throws IOException {
    this.schema = schema;
    this.job = job;
    this.inputs = inputs;
    this.output = output;
    this.format = format;
    this.compress = compress;
    this.dedupe = dedupe;
    this.started = started;
    this.finished = finished;
    Counters c = job.getCounters();
    for (CleanCounter k :
        List.of(
            CleanCounter.READ,
            CleanCounter.CLEAN,
            CleanCounter.QUARANTINED,
            CleanCounter.DUPLICATES)) {
      counts.put(k.name().toLowerCase(Locale.ROOT), c.findCounter(k).getValue());
    }
    for (Counter v : c.getGroup(CleanJob.VIOLATIONS_GROUP)) {
      String[] ruleColumn = v.getName().split(" ", 2);
      violations
          .computeIfAbsent(ruleColumn[0], r -> new TreeMap<>())
          .put(ruleColumn[1], v.getValue());
    }
    for (Counter v : c.getGroup(CleanJob.RULES_GROUP)) {
      rules.put(v.getName(), v.getValue());
    }
  }

  void write(Configuration conf) throws IOException {
    FileSystem fs = output.getFileSystem(conf);
    Counters c = job.getCounters();
    try (OutputStream os = fs.create(new Path(output, "_MANIFEST.json"), true);
        JsonGenerator g = new JsonFactory().createGenerator(os)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("job", CleanJob.NAME);
      g.writeStringField("dataset", schema.name());
      g.writeStringField("schema", schema.source());
      g.writeStringField("schema_sha256", schema.sha256());
      g.writeStringField("job_id", job.getJobID().toString());
      g.writeStringField("started", started.toString());
      g.writeStringField("finished", finished.toString());
      g.writeObjectFieldStart("counts");
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("skipped");
      g.writeNumberField("header_lines", c.findCounter(CleanCounter.HEADER_LINES).getValue());
      g.writeNumberField("blank_lines", c.findCounter(CleanCounter.BLANK_LINES).getValue());
      g.writeEndObject();
      g.writeObjectFieldStart("quarantined_by_rule");
      for (Map.Entry<String, Long> e : rules.entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("violations");
      for (Map.Entry<String, Map<String, Long>> e : violations.entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        for (Map.Entry<String, Long> col : e.getValue().entrySet()) {
          g.writeNumberField(col.getKey(), col.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("inputs");
      for (FileStatus f : inputs) {
        g.writeStartObject();
        g.writeStringField("path", f.getPath().toString());
        g.writeNumberField("bytes", f.getLen());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("outputs");
      g.writeStringField("clean", new Path(output, "clean").toString());
      g.writeStringField("quarantine", new Path(output, "quarantine").toString());
      g.writeStringField("format", format.id());
      g.writeStringField("compression", compress);
      if (schema.partition() != null) {
        g.writeStringField("partitioned_by", schema.partition().name());
        g.writeArrayFieldStart("partitions");
        for (String p : partitions(fs)) {
          g.writeString(p);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeBooleanField("dedupe", dedupe);
      g.writeEndObject();
    }
  }

  private List<String> partitions(FileSystem fs) throws IOException {
    List<String> out = new ArrayList<>();
    Path clean = new Path(output, "clean");
    if (fs.exists(clean)) {
      for (FileStatus s : fs.listStatus(clean)) {
        if (s.isDirectory()) {
          out.add(s.getPath().getName());
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** The few lines printed when the job ends. */
  String summary(Duration took) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "clean: %s: read %,d records in %.1f s: %,d clean, %,d quarantined, %,d duplicates%n",
            schema.name(),
            counts.get("read"),
            took.toMillis() / 1000.0,
            counts.get("clean"),
            counts.get("quarantined"),
            counts.get("duplicates")));
    if (!rules.isEmpty()) {
      sb.append("  quarantined records by rule:");
      rules.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e -> sb.append(String.format(Locale.ROOT, " %s %,d;", e.getKey(), e.getValue())));
      sb.setLength(sb.length() - 1);
      sb.append('\n');
    }
    sb.append("  clean:      ").append(new Path(output, "clean")).append('\n');
    sb.append("  quarantine: ").append(new Path(output, "quarantine")).append('\n');
    sb.append("  manifest:   ").append(new Path(output, "_MANIFEST.json")).append('\n');
    return sb.toString();
  }
}
