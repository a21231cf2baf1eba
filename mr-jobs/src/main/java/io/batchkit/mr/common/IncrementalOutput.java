package io.batchkit.mr.common;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An append-only output that runs add to, each with only the input files no committed run has seen.
 * A run writes everything into {@code OUT/_runs/<run-id>/} (hidden from Hive and from jobs reading
 * OUT); it is committed by one atomic rename that creates {@code _COMMITTED}, which holds its
 * bookmark entries (path, length, modification time), so a run's rows and its bookmark become true
 * together. Publishing then moves its files into OUT's partitions under run-unique names and marks
 * {@code _PUBLISHED}; every step is idempotent. A run that died before its commit is rolled back by
 * the next one (its files deleted, its inputs read again); one that died after is published by the
 * next one. {@code OUT/_BOOKMARK.json} and the totals in {@code OUT/_MANIFEST.json} are views
 * rebuilt from the committed runs.
 */
public final class IncrementalOutput {
  public static final String RUNS = "_runs";
  public static final String BOOKMARK = "_BOOKMARK.json";
  public static final String REJECTED = "_rejected";
  static final String COMMITTED = "_COMMITTED";
  static final String PUBLISHED = "_PUBLISHED";

  /** The keys runs kept (clean --dedupe): hidden from Hive, not hidden from a job's input. */
  public static final String KEYS = "_keys/index";

  /** Directories under a run whose files are published, and where under OUT. */
  private static final Map<String, String> DATA =
      Map.of("clean", "clean", "quarantine", "quarantine", "keys", KEYS);

  /** One input file a committed run read. */
  public record Entry(String path, long length, long modified, String run) {}

  private final String job;
  private final Path output;
  private final FileSystem fs;
  private final Configuration conf;
  private final Map<String, Entry> seen = new TreeMap<>();

  /** Committed run ids, in order. */
  private final List<String> runs = new ArrayList<>();

  private IncrementalOutput(String job, Path output, Configuration conf) throws IOException {
    this.job = job;
    this.output = output;
    this.conf = conf;
    this.fs = output.getFileSystem(conf);
  }

  /**
   * Opens OUT (its lock held), finishing what killed runs left: uncommitted runs rolled back,
   * committed ones published.
   */
  public static IncrementalOutput open(String job, Path output, Configuration conf, PrintStream err)
      throws IOException {
    IncrementalOutput o = new IncrementalOutput(job, output, conf);
    Compaction.recover(o.fs, conf, output, job, err);
    Path runsDir = new Path(output, RUNS);
    if (!o.fs.exists(runsDir)) {
      return o;
    }
    FileStatus[] dirs = o.fs.listStatus(runsDir);
    java.util.Arrays.sort(dirs);
    for (FileStatus d : dirs) {
      String run = d.getPath().getName();
      if (!o.fs.exists(new Path(d.getPath(), COMMITTED))) {
        err.println(
            job
                + ": rolling back run "
                + run
                + ", which ended before its commit: its inputs are read again");
        o.fs.delete(d.getPath(), true);
        continue;
      }
      for (Entry e : o.entries(d.getPath())) {
        o.seen.put(e.path(), e);
      }
      o.runs.add(run);
      if (!o.fs.exists(new Path(d.getPath(), PUBLISHED))) {
        err.println(
            job + ": publishing run " + run + ", committed by a run that ended before it was done");
        o.publish(run);
      }
    }
    return o;
  }

  private List<Entry> entries(Path runDir) throws IOException {
    try (InputStream in = fs.open(new Path(runDir, COMMITTED))) {
      return Manifest.JSON.readValue(in, new TypeReference<List<Entry>>() {});
    }
  }

  /** The files of {@code inputs} no committed run has read; a changed one is refused. */
  public List<FileStatus> unseen(List<FileStatus> inputs) throws UsageException {
    List<FileStatus> fresh = new ArrayList<>();
    for (FileStatus f : inputs) {
      Entry e = seen.get(f.getPath().toString());
      if (e == null) {
        fresh.add(f);
      } else if (e.length() != f.getLen() || e.modified() != f.getModificationTime()) {
        throw new UsageException(
            String.format(
                "%s: input %s changed after run %s read it (%,d bytes, modified %s; now %,d bytes,"
                    + " modified %s): its rows are in %s already. Land a corrected file under a new"
                    + " name, or rebuild the output from scratch with --overwrite",
                job,
                f.getPath(),
                e.run(),
                e.length(),
                java.time.Instant.ofEpochMilli(e.modified()),
                f.getLen(),
                java.time.Instant.ofEpochMilli(f.getModificationTime()),
                output));
      }
    }
    return fresh;
  }

  /** The key index of the committed runs, or null when none kept keys. */
  public Path keys() throws IOException {
    Path keys = new Path(output, KEYS);
    return fs.exists(keys) && fs.listStatus(keys).length > 0 ? keys : null;
  }

  public int seenFiles() {
    return seen.size();
  }

  public List<String> runs() {
    return runs;
  }

  /** Where a run writes: a job output directory of its own, hidden under OUT. */
  public Path runDir(String run) {
    return new Path(new Path(output, RUNS), run);
  }

  /**
   * Commits a run whose job output, manifest and checks are complete in its directory: the atomic
   * step, then publishing. {@code fault} is the test hook that stops the driver at a named step.
   */
  public void commit(String run, List<FileStatus> inputs) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (FileStatus f : inputs) {
      entries.add(new Entry(f.getPath().toString(), f.getLen(), f.getModificationTime(), run));
    }
    Path dir = runDir(run);
    Path tmp = new Path(dir, "." + COMMITTED + ".tmp");
    try (OutputStream os = fs.create(tmp, true)) {
      Manifest.JSON.writeValue(os, entries);
    }
    TaskFaults.inDriver(conf, "commit");
    if (!fs.rename(tmp, new Path(dir, COMMITTED))) {
      throw new IOException("could not commit run " + run + ": rename of " + tmp + " failed");
    }
    for (Entry e : entries) {
      seen.put(e.path(), e);
    }
    runs.add(run);
    publish(run);
  }

  /** A small file beside a committed run's manifest (e.g. its partitions' HQL). */
  public void note(String run, String name, String text) throws IOException {
    try (OutputStream os = fs.create(new Path(runDir(run), name), true)) {
      os.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * A run stopped by its checks: kept for inspection under {@code OUT/_rejected/}, not committed.
   */
  public Path reject(String run) throws IOException {
    Path to = new Path(new Path(output, REJECTED), run);
    fs.mkdirs(to.getParent());
    if (!fs.rename(runDir(run), to)) {
      throw new IOException("could not move " + runDir(run) + " to " + to);
    }
    return to;
  }

  /** Moves a committed run's files into OUT (idempotent: a moved file is not there to move). */
  private void publish(String run) throws IOException {
    fs.delete(new Path(output, "_SUCCESS"), false);
    Path dir = runDir(run);
    for (Map.Entry<String, String> data : new TreeMap<>(DATA).entrySet()) {
      Path from = new Path(dir, data.getKey());
      if (!fs.exists(from)) {
        continue;
      }
      var it = fs.listFiles(from, true);
      List<Path> files = new ArrayList<>();
      while (it.hasNext()) {
        files.add(it.next().getPath());
      }
      int cut = fs.makeQualified(from).toString().length();
      for (Path f : files) {
        String rel =
            f.getParent().toString().substring(Math.min(cut, f.getParent().toString().length()));
        Path target = new Path(new Path(output, data.getValue() + rel), run + "-" + f.getName());
        fs.mkdirs(target.getParent());
        if (fs.exists(target)) {
          // An object store's rename is a copy, then a delete: a run killed between them left
          // the (atomically) copied target and its source.
          fs.delete(f, false);
        } else if (!fs.rename(f, target)) {
          throw new IOException("could not move " + f + " to " + target);
        }
        TaskFaults.inDriver(conf, "publish");
      }
      fs.delete(from, true);
    }
    fs.create(new Path(dir, PUBLISHED), true).close();
  }

  /**
   * The views rebuilt from the committed runs: {@code _BOOKMARK.json}, the totals manifest (counts
   * summed over the runs' manifests), then {@code _SUCCESS}.
   */
  public Map<String, Object> writeTotals(String schemaYaml) throws IOException {
    List<Entry> all = new ArrayList<>(seen.values());
    try (OutputStream os = fs.create(new Path(output, BOOKMARK), true)) {
      Manifest.JSON.writeValue(os, Map.of("files", all));
    }
    Map<String, Long> totals = new LinkedHashMap<>();
    List<Map<String, Object>> perRun = new ArrayList<>();
    Map<String, Object> last = null;
    for (String run : runs) {
      Map<String, Object> m = Manifest.read(runDir(run), conf);
      @SuppressWarnings("unchecked")
      Map<String, Object> counts = (Map<String, Object>) m.get("counts");
      for (Map.Entry<String, Object> c : counts.entrySet()) {
        totals.merge(c.getKey(), ((Number) c.getValue()).longValue(), Long::sum);
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("run_id", run);
      r.put("finished", m.get("finished"));
      r.put("files", ((List<?>) m.get("inputs")).size());
      r.put("counts", counts);
      for (String kept : List.of("schema_version", "schema_changes", "columns_ignored")) {
        if (m.containsKey(kept)) {
          r.put(kept, m.get(kept)); // which schema version wrote the run's rows, and why
        }
      }
      perRun.add(r);
      last = m;
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("job", job);
    root.put("incremental", true);
    if (last != null) {
      root.put("dataset", last.get("dataset"));
      root.put("schema", last.get("schema"));
      root.put("schema_sha256", last.get("schema_sha256"));
      if (last.containsKey("schema_version")) {
        root.put("schema_version", last.get("schema_version"));
      }
    }
    root.put("counts", totals);
    root.put("runs", perRun);
    root.put("files", all.size());
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("clean", new Path(output, "clean").toString());
    outputs.put("quarantine", new Path(output, "quarantine").toString());
    if (last != null && last.get("outputs") instanceof Map<?, ?> lastOutputs) {
      for (String kept : List.of("format", "compression", "partitioned_by")) {
        if (lastOutputs.containsKey(kept)) {
          outputs.put(kept, lastOutputs.get(kept));
        }
      }
    }
    root.put("outputs", outputs);
    if (schemaYaml != null) {
      try (OutputStream os = fs.create(new Path(output, Manifest.SCHEMA_FILE), true)) {
        os.write(schemaYaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    try (OutputStream os = fs.create(new Path(output, Manifest.FILE), true)) {
      Manifest.JSON.writeValue(os, root);
    }
    fs.create(new Path(output, "_SUCCESS"), true).close();
    return root;
  }
}
