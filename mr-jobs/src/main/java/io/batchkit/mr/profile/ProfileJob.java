package io.batchkit.mr.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.Manifest;
import io.batchkit.mr.common.OutputDirectory;
import io.batchkit.mr.common.SortBuffer;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.ReaderOptions;
import io.batchkit.mr.quality.MetricsHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code profile}: one pass over a dataset profiles every column at once. Each map task profiles
 * its split in memory (one {@link ColumnProfile} per column) and emits one mergeable profile per
 * column when it ends; reducers merge them per column. The driver writes {@code profile.json} and a
 * self-contained {@code report.html}.
 */
public final class ProfileJob extends JobTool {
  public static final String NAME = "profile";
  public static final String DESCRIPTION =
      "profile every column in one pass: nulls, violations, distinct, quantiles, top values; HTML";

  static final String RECORD_RULES_GROUP = "batchkit profile (records rejected, by rule)";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar profile [generic options] --input IN --output OUT [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --input IN          raw CSV read with --schema (violations counted by clean's rules), or a",
          "                      batchkit output",
          "  --schema S          dataset schema (YAML); default: the input's _SCHEMA.yaml",
          ReaderOptions.USAGE,
          "  --output OUT        OUT/profile.json, OUT/report.html, OUT/_MANIFEST.json",
          "  --history DIR       metrics history to draw as trend lines (default: IN/_history/",
          "                      when the input dataset has one, as checked or incremental clean",
          "                      writes it)",
          "  --overwrite         replace OUT if it exists",
          "",
          "Distinct counts are HLL estimates (about 0.4% error), quantiles and histograms come from KLL",
          "sketches (about 1.7% rank error), top values from a frequent-items sketch.",
          "Exit codes: 0 done, 1 the job failed, 2 a usage, schema or path problem.");

  public ProfileJob() {
    this(System.out, System.err);
  }

  public ProfileJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        ReaderOptions.with("schema", "input", "output", "history"),
        Set.of("overwrite"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new ProfileJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    DatasetInput input = DatasetInput.resolve(NAME, args.all("input"), conf);
    Path output = new Path(args.required(NAME, "output"));
    Job job = newJob("profile");
    Configuration jc = job.getConfiguration();
    Schema schema = input.loadSchema(NAME, args, jc, err);
    OutputDirectory.prepare(NAME, output, args.has("overwrite"), conf);
    input.configure(job, schema, true);
    job.setMapperClass(ProfileMapper.class);
    job.setReducerClass(ProfileReducer.class);
    SortBuffer.forSummaries(jc);
    job.setNumReduceTasks(Math.max(1, Math.min(job.getNumReduceTasks(), schema.columns().size())));
    job.setMapOutputKeyClass(IntWritable.class);
    job.setMapOutputValueClass(ProfileWritable.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, new Path(output, "columns"));

    if (!runJob(job, output)) {
      return 1;
    }
    Counters c = job.getCounters();
    long read = c.findCounter(ProfileCounter.READ).getValue();
    long valid = c.findCounter(ProfileCounter.VALID).getValue();
    long invalid = c.findCounter(ProfileCounter.INVALID).getValue();
    if (read != valid + invalid) {
      return unreconciled("read " + read + " != valid " + valid + " + invalid " + invalid);
    }
    Map<String, Long> recordRules = new TreeMap<>();
    for (Counter k : c.getGroup(RECORD_RULES_GROUP)) {
      recordRules.put(k.getName(), k.getValue());
    }
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("dataset", schema.name());
    profile.put("schema", schema.source());
    profile.put("generated", Instant.now().toString());
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("read", read);
    records.put("valid", valid);
    records.put("invalid", invalid);
    records.put("record_violations_total", recordRules.values().stream().mapToLong(x -> x).sum());
    records.put("record_violations", recordRules);
    profile.put("records", records);
    Path history = Trends.locate(args.get("history", null), args.all("input"), conf);
    if (history != null) {
      profile.put("trends", Trends.of(MetricsHistory.read(history, conf), schema));
    }
    List<Map<String, Object>> parts = readColumns(new Path(output, "columns"), schema, conf);
    // After the columns comes the distinct keys' entry, when the schema declares keys.
    Map<String, Object> keys =
        parts.size() > schema.columns().size() ? parts.remove(parts.size() - 1) : null;
    if (keys != null) {
      records.put("keys", KeyDistinct.summary(schema.keys(), keys, valid));
    }
    profile.put("columns", parts);
    profile.put("alerts", ProfileAlerts.of(profile));
    FileSystem fs = output.getFileSystem(conf);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try (OutputStream os = fs.create(new Path(output, "profile.json"), true)) {
      json.writeValue(os, profile);
    }
    try (OutputStream os = fs.create(new Path(output, "report.html"), true)) {
      os.write(ProfileReport.html(profile).getBytes(StandardCharsets.UTF_8));
    }
    Manifest manifest =
        manifest(schema, job, input.files())
            .count("read", read)
            .count("valid", valid)
            .count("invalid", invalid)
            .count("columns", schema.columns().size())
            .output("profile", new Path(output, "profile.json").toString())
            .output("report", new Path(output, "report.html").toString());
    finish(output, null, manifest);
    out.printf(
        Locale.ROOT,
        "profile: %s: %,d records, %d columns in one pass: %,d valid, %,d with violations%n"
            + "  profile: %s%n  report:  %s%n",
        schema.name(),
        read,
        schema.columns().size(),
        valid,
        invalid,
        new Path(output, "profile.json"),
        new Path(output, "report.html"));
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> readColumns(Path dir, Schema schema, Configuration conf)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<Integer, Map<String, Object>> byIndex = new TreeMap<>();
    FileSystem fs = dir.getFileSystem(conf);
    for (FileStatus f : fs.listStatus(dir)) {
      if (!f.getPath().getName().startsWith("part-")) {
        continue;
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          int tab = line.indexOf('\t');
          byIndex.put(
              Integer.parseInt(line.substring(0, tab)),
              json.readValue(line.substring(tab + 1), Map.class));
        }
      }
    }
    int expected = schema.columns().size() + (schema.keys().isEmpty() ? 0 : 1);
    if (byIndex.size() != expected) {
      throw new IOException(
          "expected a profile for each of "
              + schema.columns().size()
              + " columns"
              + (schema.keys().isEmpty() ? "" : " and one of the keys")
              + ", found "
              + byIndex.size());
    }
    return new ArrayList<>(byIndex.values());
  }
}
