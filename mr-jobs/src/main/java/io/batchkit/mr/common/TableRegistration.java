package io.batchkit.mr.common;

import io.batchkit.core.schema.HiveTable;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaException;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.catalog.Catalog;
import io.batchkit.mr.catalog.CatalogException;
import io.batchkit.mr.catalog.TableComparison;
import io.batchkit.mr.catalog.TableName;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A finished output's tables in the catalog: what they are (from the output's {@code _SCHEMA.yaml}
 * and manifest, so {@code register} and the jobs agree), checked before a run and registered after
 * it. A registration adds the partitions on disk the catalog lacks: a run's new ones, and those of
 * an earlier run killed before it registered them.
 */
public final class TableRegistration {
  /** The manifest's output naming partition directories above the schema's (split's). */
  static final String OUTER_PARTITIONS = "outer_partitions";

  /** The manifest's output saying each run writes a new snapshot (its table moves with it). */
  static final String SNAPSHOT = "snapshot";

  /** The manifest list recording each registration. */
  public static final String SECTION = "catalog";

  private final String job;
  private final CatalogOptions options;
  private final Configuration conf;
  private final PrintStream out;
  private final PrintStream err;
  private boolean evolving;

  TableRegistration(
      String job, CatalogOptions options, Configuration conf, PrintStream out, PrintStream err) {
    this.job = job;
    this.options = options;
    this.conf = conf;
    this.out = out;
    this.err = err;
  }

  /**
   * The table over data the job will write as {@code format} (text, parquet, orc), in directories
   * of {@code outer} partition columns above the schema's own.
   */
  static HiveTable table(
      String job,
      byte[] schemaYaml,
      String format,
      List<String> outer,
      Path data,
      Configuration conf)
      throws IOException, UsageException {
    HiveTable.Storage storage = HiveTable.Storage.ofFormat(format);
    if (storage == null) {
      throw new UsageException(
          job
              + ": --table registers Hive text, Parquet or ORC; "
              + format
              + " output (a header line in each file) is no Hive table: drop --output-format "
              + format
              + " or --table");
    }
    Schema schema;
    try {
      schema =
          SchemaParser.parse(
              schemaYaml, new Path(data.getParent(), Manifest.SCHEMA_FILE).toString());
    } catch (SchemaException e) {
      throw new UsageException(job + ": " + e.getMessage());
    }
    return HiveTable.of(schema, schema.columns(), outer, storage, qualified(data, conf));
  }

  /** The tables of a finished output: its rows, and with a quarantine table its quarantine. */
  static HiveTable[] tables(String job, Path output, Configuration conf, boolean quarantine)
      throws IOException, UsageException {
    FileSystem fs = output.getFileSystem(conf);
    Map<String, Object> manifest;
    byte[] yaml;
    try (InputStream in = fs.open(new Path(output, Manifest.SCHEMA_FILE))) {
      yaml = in.readAllBytes();
      manifest = Manifest.read(output, conf);
    } catch (java.io.FileNotFoundException e) {
      throw new UsageException(
          job
              + ": "
              + output
              + " has no "
              + Manifest.SCHEMA_FILE
              + " and "
              + Manifest.FILE
              + ": not a finished batchkit output");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> outputs = (Map<String, Object>) manifest.getOrDefault("outputs", Map.of());
    Object data = outputs.containsKey("clean") ? outputs.get("clean") : outputs.get("data");
    if (data == null) {
      throw new UsageException(job + ": the manifest of " + output + " names no data directory");
    }
    String format = String.valueOf(outputs.getOrDefault("format", "text"));
    @SuppressWarnings("unchecked")
    List<String> outer = (List<String>) outputs.getOrDefault(OUTER_PARTITIONS, List.of());
    HiveTable rows = table(job, yaml, format, outer, new Path(data.toString()), conf);
    HiveTable bad = null;
    if (quarantine) {
      Object q = outputs.get("quarantine");
      if (q == null) {
        throw new UsageException(job + ": " + output + " has no quarantine to register");
      }
      bad = HiveTable.quarantine(qualified(new Path(q.toString()), conf));
    }
    return new HiveTable[] {rows, bad};
  }

  /** Whether a quarantine table is asked for. */
  boolean quarantines() {
    return options.quarantineTable != null;
  }

  /** The quarantine table over {@code dir}, or null when none is asked for. */
  HiveTable quarantine(Path dir) throws IOException {
    return options.quarantineTable == null ? null : HiveTable.quarantine(qualified(dir, conf));
  }

  /** Whether the run's schema may be a later version of its table's ({@code add_columns}). */
  void evolving(boolean evolving) {
    this.evolving = evolving;
  }

  /**
   * Before any task runs: a table that exists and disagrees stops the run (exit 2, nothing
   * written); a catalog that does not answer only warns, the data goes first.
   */
  void check(HiveTable rows, HiveTable quarantine, boolean snapshot) throws UsageException {
    try (Catalog catalog = options.connect()) {
      compare(catalog, options.table, rows, snapshot);
      if (quarantine != null) {
        compare(catalog, options.quarantineTable, quarantine, false);
      }
    } catch (CatalogException e) {
      err.println(
          job + ": " + e.getMessage() + "; the run goes on and registers its tables at the end");
    }
  }

  private void compare(Catalog catalog, TableName name, HiveTable table, boolean snapshot)
      throws CatalogException, UsageException {
    HiveTable existing = catalog.table(name);
    String difference =
        existing == null ? null : TableComparison.difference(name, existing, table, !snapshot);
    if (difference != null && !(evolving && TableComparison.evolves(existing, table, !snapshot))) {
      throw new UsageException(
          job
              + ": "
              + difference
              + "; nothing was written: drop or alter the table, or choose"
              + " another --table");
    }
  }

  /**
   * Registers a finished output's tables; on failure prints what to run and returns false (the job
   * then exits 4: its data is complete).
   */
  boolean register(Path output) throws IOException, UsageException {
    TaskFaults.inDriver(conf, "register");
    HiveTable[] tables = tables(job, output, conf, options.quarantineTable != null);
    try (Catalog catalog = options.connect()) {
      boolean snapshot = snapshot(output, conf);
      register(catalog, options.table, tables[0], output, snapshot);
      if (tables[1] != null) {
        register(catalog, options.quarantineTable, tables[1], output, false);
      }
      return true;
    } catch (CatalogException | CatalogDisagrees e) {
      err.println(
          job
              + ": "
              + output
              + " is complete (_SUCCESS), but its table is not registered: "
              + e.getMessage()
              + ". Once the catalog answers, run: batchkit register --output "
              + output
              + " --table "
              + options.table
              + (options.quarantineTable == null
                  ? ""
                  : " --quarantine-table " + options.quarantineTable));
      return false;
    }
  }

  private void register(
      Catalog catalog, TableName name, HiveTable table, Path output, boolean snapshot)
      throws CatalogException, CatalogDisagrees, IOException {
    boolean created = false;
    boolean moved = false;
    HiveTable existing = catalog.table(name);
    if (existing == null) {
      catalog.create(name, table);
      created = true;
      existing = catalog.table(name);
    }
    String difference = TableComparison.difference(name, existing, table, !snapshot);
    // Only an output that keeps schema versions (add_columns) may change its table's columns.
    boolean versioned = output.getFileSystem(conf).exists(new Path(output, Manifest.SCHEMAS_DIR));
    boolean evolved =
        difference != null && versioned && TableComparison.evolves(existing, table, !snapshot);
    if (evolved) {
      // schema_changes: add_columns: the table takes the new version, every partition with it.
      catalog.alterColumns(name, table);
    } else if (difference != null) {
      throw new CatalogDisagrees(difference);
    }
    if (!new Path(existing.location()).equals(new Path(table.location()))) {
      // A new snapshot: the table follows it (a query in between may see no partitions).
      catalog.relocate(name, table);
      moved = true;
    }
    List<String> added = new ArrayList<>();
    if (!table.partitions().isEmpty()) {
      TreeSet<String> missing = new TreeSet<>(partitionDirs(new Path(table.location()), table));
      missing.removeAll(catalog.partitions(name));
      added.addAll(missing);
      catalog.addPartitions(name, table, added);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("table", name.toString());
    entry.put("catalog", catalog.describe());
    entry.put("location", table.location());
    entry.put("created", created);
    if (moved) {
      entry.put("moved_from", existing.location());
    }
    if (evolved) {
      entry.put("columns_changed", difference);
    }
    entry.put("partitions_added", added);
    entry.put("at", Instant.now().toString());
    Manifest.append(output, conf, SECTION, entry);
    Path lastRun = lastRun(output);
    if (lastRun != null) {
      // An incremental output's totals are rebuilt by each run: the run's own manifest keeps it.
      Manifest.append(lastRun, conf, SECTION, entry);
    }
    out.printf(
        "%s: table %s %s, %s in %s%n",
        job,
        name,
        created
            ? "created"
            : moved
                ? "moved here from " + existing.location()
                : evolved
                    ? "altered to the dataset's columns (cascaded to every partition)"
                    : "up to date",
        table.partitions().isEmpty()
            ? "unpartitioned"
            : added.size() + (added.size() == 1 ? " partition" : " partitions") + " added",
        catalog.describe());
  }

  /** Whether each run of the job that wrote {@code output} writes a new snapshot (upsert). */
  static boolean snapshot(Path output, Configuration conf) throws IOException {
    Object outputs = Manifest.read(output, conf).get("outputs");
    return outputs instanceof Map<?, ?> o && Boolean.TRUE.equals(o.get(SNAPSHOT));
  }

  /** The directory of an incremental output's last committed run, or null. */
  private Path lastRun(Path output) throws IOException {
    Map<String, Object> manifest = Manifest.read(output, conf);
    if (!(manifest.get("runs") instanceof List<?> runs) || runs.isEmpty()) {
      return null;
    }
    Object id = ((Map<?, ?>) runs.get(runs.size() - 1)).get("run_id");
    Path dir = new Path(new Path(output, IncrementalOutput.RUNS), String.valueOf(id));
    return dir.getFileSystem(conf).exists(new Path(dir, Manifest.FILE)) ? dir : null;
  }

  /** The partition directories ({@code a=1/b=2}) under the table's location, sorted. */
  private List<String> partitionDirs(Path location, HiveTable table) throws IOException {
    List<String> dirs = new ArrayList<>();
    FileSystem fs = location.getFileSystem(conf);
    if (fs.exists(location)) {
      collect(fs, location, "", table.partitions(), 0, dirs);
    }
    dirs.sort(null);
    return dirs;
  }

  private static void collect(
      FileSystem fs, Path dir, String above, List<String> columns, int depth, List<String> dirs)
      throws IOException {
    String prefix = columns.get(depth) + "=";
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (s.isDirectory() && name.startsWith(prefix)) {
        if (depth + 1 == columns.size()) {
          dirs.add(above + name);
        } else {
          collect(fs, s.getPath(), above + name + "/", columns, depth + 1, dirs);
        }
      }
    }
  }

  private static String qualified(Path p, Configuration conf) throws IOException {
    return p.getFileSystem(conf).makeQualified(p).toString();
  }

  /** A table changed between the check before the run and the registration after it. */
  private static final class CatalogDisagrees extends Exception {
    CatalogDisagrees(String message) {
      super(message);
    }
  }
}
