package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.clean.CleanJob;
import io.batchkit.mr.common.TaskFaults;
import io.batchkit.mr.convert.ConvertJob;
import io.batchkit.mr.register.RegisterCommand;
import io.batchkit.mr.tools.DdlCommand;
import io.batchkit.mr.tools.TripGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs keep their tables current in a real Hive metastore over Thrift (a child process): the
 * tables they create are what Hive itself makes of {@code ddl}'s DDL, incremental runs add exactly
 * the partitions on disk, a catalog failure never costs data, and a HiveServer2 connected to that
 * metastore reads what the manifests count.
 */
class CatalogTest {
  static final Path SCHEMA = Path.of("../examples/trips.yaml").toAbsolutePath();

  /** examples/trips.yaml's columns as Hive types, written out by hand. */
  static final List<String> TRIPS_COLUMNS =
      List.of(
          "vendor_id int",
          "pickup_at timestamp",
          "dropoff_at timestamp",
          "passenger_count int",
          "trip_distance double",
          "pu_zone int",
          "do_zone int",
          "fare decimal(10,2)",
          "store_and_fwd_flag string",
          "note string",
          "rate_code int");

  @TempDir static Path dir;
  static Metastore metastore;
  static IMetaStoreClient client;

  @BeforeAll
  static void start() throws Exception {
    metastore = Metastore.start(dir.resolve("metastore"));
    client = metastore.client();
    for (int day = 1; day <= 4; day++) {
      TripGenerator.main(
          new String[] {
            "--rows",
            "600",
            "--seed",
            String.valueOf(day),
            "--start",
            "2024-02-0" + day,
            "--output",
            dir.resolve("landing/day" + day + "/trips.csv").toString()
          });
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (metastore != null) {
      metastore.close();
    }
  }

  static Configuration conf() {
    Configuration c = new Configuration();
    c.set("mapreduce.framework.name", "local");
    c.set("fs.defaultFS", "file:///");
    c.set("hive.metastore.uris", metastore.uri);
    return c;
  }

  /** A run's exit code and what it printed on stderr. */
  record Run(int code, String out, String err) {}

  static Run run(Configuration conf, Tool tool, String... args) throws Exception {
    return run(conf, tool, new ByteArrayOutputStream(), new ByteArrayOutputStream(), args);
  }

  static Run run(
      Configuration conf,
      Tool tool,
      ByteArrayOutputStream out,
      ByteArrayOutputStream err,
      String... args)
      throws Exception {
    int code = ToolRunner.run(conf, tool, args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run clean(Configuration conf, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    return run(
        conf, new CleanJob(new PrintStream(out, true), new PrintStream(err, true)), out, err, args);
  }

  static Run tool(Configuration conf, String job, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true);
    PrintStream e = new PrintStream(err, true);
    Tool t =
        switch (job) {
          case "convert" -> new ConvertJob(o, e);
          case "register" -> new RegisterCommand(o, e);
          case "upsert" -> new io.batchkit.mr.upsert.UpsertJob(o, e);
          case "ddl" -> new DdlCommand(o, e);
          default -> throw new IllegalArgumentException(job);
        };
    return run(conf, t, out, err, args);
  }

  static List<String> columns(Table t) {
    return t.getSd().getCols().stream().map(f -> f.getName() + " " + f.getType()).toList();
  }

  /** Partition directory name to the number of rows in its files, read off the disk. */
  static Map<String, Long> rowsOnDisk(Path data) throws IOException {
    Map<String, Long> rows = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(data)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        long n = 0;
        try (Stream<Path> files = Files.list(d)) {
          for (Path f : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
            n += Files.readAllLines(f).size();
          }
        }
        rows.put(d.getFileName().toString(), n);
      }
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> manifest(Path out) throws IOException {
    return new ObjectMapper().readValue(out.resolve("_MANIFEST.json").toFile(), Map.class);
  }

  static long cleanCount(Path out) throws IOException {
    return ((Number) ((Map<?, ?>) manifest(out).get("counts")).get("clean")).longValue();
  }

  static List<String> sorted(List<String> names) {
    List<String> s = new ArrayList<>(names);
    s.sort(null);
    return s;
  }

  @Test
  void textParquetAndOrcTablesAreWhatHiveMakesOfTheDdlAndHiveReadsThem() throws Exception {
    Path out = dir.resolve("formats/out");
    Run c =
        clean(
            conf(),
            "--schema",
            SCHEMA.toString(),
            "--input",
            dir.resolve("landing/day1").toString(),
            "--output",
            out.toString(),
            "--table",
            "fmt.trips",
            "--quarantine-table",
            "fmt.trips_quarantine");
    assertEquals(0, c.code(), c.err());
    for (String format : List.of("parquet", "orc")) {
      Run r =
          tool(
              conf(),
              "convert",
              "--input",
              out.toString(),
              "--output",
              dir.resolve("formats/" + format).toString(),
              "--format",
              format,
              "--table",
              "fmt.trips_" + format);
      assertEquals(0, r.code(), r.err());
    }

    // What Hive itself makes of `batchkit ddl`, in another database, over the same files.
    Run ddl =
        tool(
            conf(),
            "ddl",
            "--schema",
            SCHEMA.toString(),
            "--database",
            "viaddl",
            "--raw",
            "file://" + dir.resolve("landing/day1"),
            "--clean",
            "file://" + out.resolve("clean"),
            "--columnar",
            "file://" + dir.resolve("formats/orc/data"),
            "--format",
            "orc");
    assertEquals(0, ddl.code(), ddl.err());
    Files.writeString(dir.resolve("ddl.hql"), ddl.out());
    metastore.beeline(ddl.out().replaceAll("(?m)^MSCK REPAIR TABLE .*$", "") + "\n");

    Map<String, String[]> storage =
        Map.of(
            "fmt.trips",
            new String[] {
              "org.apache.hadoop.mapred.TextInputFormat",
              "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
              "file:" + out.resolve("clean")
            },
            "fmt.trips_parquet",
            new String[] {
              "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
              "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
              "file:" + dir.resolve("formats/parquet/data")
            },
            "fmt.trips_orc",
            new String[] {
              "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
              "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
              "file:" + dir.resolve("formats/orc/data")
            });
    for (Map.Entry<String, String[]> e : storage.entrySet()) {
      String[] name = e.getKey().split("\\.");
      Table t = client.getTable(name[0], name[1]);
      assertEquals(TRIPS_COLUMNS, columns(t), e.getKey());
      assertEquals(
          List.of("dt string"),
          t.getPartitionKeys().stream().map(f -> f.getName() + " " + f.getType()).toList());
      assertEquals("EXTERNAL_TABLE", t.getTableType());
      assertEquals(e.getValue()[0], t.getSd().getInputFormat(), e.getKey());
      assertEquals(e.getValue()[1], t.getSd().getSerdeInfo().getSerializationLib(), e.getKey());
      assertEquals(e.getValue()[2], t.getSd().getLocation(), e.getKey());
    }
    // The same storage, column for column and parameter for parameter, as Hive's own from DDL.
    for (String[] pair : new String[][] {{"trips", "trips"}, {"trips_orc", "trips_orc"}}) {
      Table mine = client.getTable("fmt", pair[0]);
      Table hives = client.getTable("viaddl", pair[1]);
      StorageDescriptor a = mine.getSd();
      StorageDescriptor b = hives.getSd();
      assertEquals(b.getInputFormat(), a.getInputFormat());
      assertEquals(b.getOutputFormat(), a.getOutputFormat());
      assertEquals(b.getSerdeInfo().getSerializationLib(), a.getSerdeInfo().getSerializationLib());
      assertEquals(b.getSerdeInfo().getParameters(), a.getSerdeInfo().getParameters(), pair[0]);
      assertEquals(columns(hives), columns(mine));
      assertEquals(b.getLocation(), a.getLocation());
      assertEquals(hives.getPartitionKeys(), mine.getPartitionKeys());
      assertEquals(
          hives.getParameters().get("serialization.escape.crlf"),
          mine.getParameters().get("serialization.escape.crlf"));
    }
    Table quarantine = client.getTable("fmt", "trips_quarantine");
    assertEquals(
        "org.apache.hadoop.hive.serde2.JsonSerDe",
        quarantine.getSd().getSerdeInfo().getSerializationLib());

    // A HiveServer2 on that metastore reads them: counts equal the manifest and the disk.
    Map<String, Long> onDisk = rowsOnDisk(out.resolve("clean"));
    long quarantined =
        ((Number) ((Map<?, ?>) manifest(out).get("counts")).get("quarantined")).longValue();
    List<String> rows =
        metastore.beeline(
            "SELECT count(*) FROM fmt.trips; SELECT count(*) FROM fmt.trips_parquet;"
                + " SELECT count(*) FROM fmt.trips_orc; SELECT count(*) FROM fmt.trips_quarantine;"
                + " SELECT dt, count(*) FROM fmt.trips GROUP BY dt ORDER BY dt;");
    long clean = cleanCount(out);
    List<String> expected =
        new ArrayList<>(List.of("" + clean, "" + clean, "" + clean, "" + quarantined));
    onDisk.forEach((d, n) -> expected.add(d.substring(d.indexOf('=') + 1) + "," + n));
    assertEquals(expected, rows);
    assertEquals(clean, onDisk.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void
      incrementalLandingsAddExactlyThePartitionsTheyWroteAndAKilledRegistrationIsFinishedByTheNext()
          throws Exception {
    Path out = dir.resolve("incremental/out");
    Path landing = dir.resolve("incremental/landing");
    Files.createDirectories(landing);
    List<String> before = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      Files.copy(
          dir.resolve("landing/day" + day + "/trips.csv"), landing.resolve("day" + day + ".csv"));
      Run r =
          clean(
              conf(),
              "--schema",
              SCHEMA.toString(),
              "--input",
              landing.toString(),
              "--output",
              out.toString(),
              "--incremental",
              "--table",
              "inc.trips");
      assertEquals(0, r.code(), r.err());
      List<String> listed = sorted(client.listPartitionNames("inc", "trips", (short) -1));
      List<String> disk = new ArrayList<>(rowsOnDisk(out.resolve("clean")).keySet());
      assertEquals(disk, listed, "day " + day);
      List<String> added = new ArrayList<>(listed);
      added.removeAll(before);
      assertFalse(added.isEmpty(), "day " + day + " wrote a new day");
      assertTrue(r.out().contains(added.size() + " partition"), r.out());
      before = listed;
    }
    // Each run's own manifest records what it registered.
    Map<String, Object> totals = manifest(out);
    String lastRun =
        String.valueOf(((Map<?, ?>) ((List<?>) totals.get("runs")).get(2)).get("run_id"));
    List<?> entries = (List<?>) manifest(out.resolve("_runs/" + lastRun)).get("catalog");
    assertEquals(1, entries.size());
    assertEquals(
        List.of(before.get(before.size() - 1)),
        ((Map<?, ?>) entries.get(0)).get("partitions_added"));
    // Nothing new: nothing changes.
    Run again =
        clean(
            conf(),
            "--schema",
            SCHEMA.toString(),
            "--input",
            landing.toString(),
            "--output",
            out.toString(),
            "--incremental",
            "--table",
            "inc.trips");
    assertEquals(0, again.code(), again.err());
    assertEquals(before, sorted(client.listPartitionNames("inc", "trips", (short) -1)));

    // Killed after publishing, before registering: the data is there, the partition is not...
    Files.copy(dir.resolve("landing/day4/trips.csv"), landing.resolve("day4.csv"));
    Configuration crashing = conf();
    crashing.set(TaskFaults.KEY, "crash:register");
    assertThrows(
        TaskFaults.DriverCrash.class,
        () ->
            clean(
                crashing,
                "--schema",
                SCHEMA.toString(),
                "--input",
                landing.toString(),
                "--output",
                out.toString(),
                "--incremental",
                "--table",
                "inc.trips"));
    List<String> disk = new ArrayList<>(rowsOnDisk(out.resolve("clean")).keySet());
    assertTrue(disk.size() > before.size(), "day 4 was published");
    assertEquals(before, sorted(client.listPartitionNames("inc", "trips", (short) -1)));
    // ...and the next run, with nothing new to read, registers it.
    Run next =
        clean(
            conf(),
            "--schema",
            SCHEMA.toString(),
            "--input",
            landing.toString(),
            "--output",
            out.toString(),
            "--incremental",
            "--table",
            "inc.trips");
    assertEquals(0, next.code(), next.err());
    assertTrue(next.out().contains("nothing to do"), next.out());
    assertEquals(disk, sorted(client.listPartitionNames("inc", "trips", (short) -1)));

    // Hive reads every day: per partition the rows on disk, in all the manifest's clean count.
    Map<String, Long> onDisk = rowsOnDisk(out.resolve("clean"));
    List<String> expected = new ArrayList<>(List.of("" + cleanCount(out)));
    onDisk.forEach((d, n) -> expected.add(d.substring(d.indexOf('=') + 1) + "," + n));
    assertEquals(
        expected,
        metastore.beeline(
            "SELECT count(*) FROM inc.trips; SELECT dt, count(*) FROM inc.trips GROUP BY dt ORDER BY dt;"));
  }

  @Test
  void schemaChangesAlterTheTableWithEveryPartitionAndHiveReadsEveryDayWithTheFinalColumns()
      throws Exception {
    Path schema = dir.resolve("drift/orders.yaml");
    Files.createDirectories(schema.getParent());
    Files.writeString(
        schema,
        String.join(
            "\n",
            "name: orders",
            "format: {header: by_name}",
            "nulls: [\"\"]",
            "schema_changes: add_columns",
            "columns:",
            "  - {name: id, type: int, required: true}",
            "  - {name: ordered, type: date}",
            "  - {name: qty, type: int}",
            "partition: {name: day, from: ordered, granularity: day}",
            ""));
    // Day 1 as the schema says; day 2 appends coupon; day 3 moves it to the middle, qty > 2^31.
    List<List<String>> headers =
        List.of(
            List.of("id", "ordered", "qty"),
            List.of("id", "ordered", "qty", "coupon"),
            List.of("qty", "coupon", "id", "ordered"));
    List<String> expected = new ArrayList<>();
    Path out = dir.resolve("drift/out");
    for (int day = 1; day <= 3; day++) {
      List<String> header = headers.get(day - 1);
      StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
      long sum = 0;
      int coupons = 0;
      for (int id = day * 100; id < day * 100 + 30; id++) {
        long qty = day == 3 && id % 3 == 0 ? 3_000_000_000L + id : id % 17;
        String coupon = header.contains("coupon") && id % 2 == 0 ? "c" + id : "";
        sum += qty;
        coupons += coupon.isEmpty() ? 0 : 1;
        List<String> row = new ArrayList<>();
        for (String c : header) {
          row.add(
              switch (c) {
                case "id" -> "" + id;
                case "ordered" -> "2024-03-0" + day;
                case "qty" -> "" + qty;
                default -> coupon;
              });
        }
        csv.append(String.join(",", row)).append('\n');
      }
      expected.add("2024-03-0" + day + ",30," + coupons + "," + sum);
      Path landing = dir.resolve("drift/landing/day" + day);
      Files.createDirectories(landing);
      Files.writeString(landing.resolve("orders.csv"), csv);
      Run r =
          clean(
              conf(),
              "--schema",
              schema.toString(),
              "--input",
              dir.resolve("drift/landing").toString(),
              "--output",
              out.toString(),
              "--incremental",
              "--table",
              "drift.orders");
      assertEquals(0, r.code(), r.err());
    }
    Table table = client.getTable("drift", "orders");
    List<String> finalColumns = List.of("id int", "ordered date", "qty bigint", "coupon string");
    assertEquals(finalColumns, columns(table));
    List<String> partitions = sorted(client.listPartitionNames("drift", "orders", (short) -1));
    assertEquals(List.of("day=2024-03-01", "day=2024-03-02", "day=2024-03-03"), partitions);
    for (String p : partitions) {
      StorageDescriptor sd = client.getPartition("drift", "orders", p).getSd();
      assertEquals(
          finalColumns,
          sd.getCols().stream().map(f -> f.getName() + " " + f.getType()).toList(),
          p);
    }
    assertEquals(
        expected,
        metastore.beeline(
            "SELECT day, count(*), count(coupon), sum(qty) FROM drift.orders"
                + " GROUP BY day ORDER BY day;"));
  }

  @Test
  void anUnreachableMetastoreExits4WithTheDataCompleteAndRegisterCompletesIt() throws Exception {
    Path out = dir.resolve("down/out");
    Run r =
        clean(
            conf(),
            "--schema",
            SCHEMA.toString(),
            "--input",
            dir.resolve("landing/day2").toString(),
            "--output",
            out.toString(),
            "--table",
            "down.trips",
            "--metastore",
            "thrift://127.0.0.1:" + Metastore.freePort());
    assertEquals(4, r.code(), r.err());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertTrue(r.err().contains("batchkit register --output " + out), r.err());
    assertTrue(r.err().contains("is complete (_SUCCESS)"), r.err());
    assertFalse(client.getAllDatabases().contains("down"));

    Run reg = tool(conf(), "register", "--output", out.toString(), "--table", "down.trips");
    assertEquals(0, reg.code(), reg.err());
    assertEquals(
        new ArrayList<>(rowsOnDisk(out.resolve("clean")).keySet()),
        sorted(client.listPartitionNames("down", "trips", (short) -1)));
    assertEquals(TRIPS_COLUMNS, columns(client.getTable("down", "trips")));
    // Registering again adds nothing and says so.
    Run twice = tool(conf(), "register", "--output", out.toString(), "--table", "down.trips");
    assertEquals(0, twice.code(), twice.err());
    assertTrue(twice.out().contains("0 partitions added"), twice.out());
    List<?> entries = (List<?>) manifest(out).get("catalog");
    assertEquals(2, entries.size());
  }

  @Test
  void aTableThatDisagreesStopsTheRunBeforeAnythingIsWritten() throws Exception {
    Path out = dir.resolve("disagree/out");
    Run first =
        clean(
            conf(),
            "--schema",
            SCHEMA.toString(),
            "--input",
            dir.resolve("landing/day3").toString(),
            "--output",
            out.toString(),
            "--table",
            "dis.trips");
    assertEquals(0, first.code(), first.err());
    byte[] manifestBefore = Files.readAllBytes(out.resolve("_MANIFEST.json"));
    Map<String, Long> rowsBefore = rowsOnDisk(out.resolve("clean"));
    // The same data with fare as a double: the table says decimal(10,2).
    Path doubled = dir.resolve("disagree/trips.yaml");
    Files.writeString(
        doubled, Files.readString(SCHEMA).replace("type: \"decimal(10,2)\"", "type: double"));
    Run second =
        clean(
            conf(),
            "--schema",
            doubled.toString(),
            "--input",
            dir.resolve("landing/day4").toString(),
            "--output",
            out.toString(),
            "--overwrite",
            "--table",
            "dis.trips");
    assertEquals(2, second.code(), second.err());
    assertEquals(
        "clean: table dis.trips column `fare` is decimal(10,2), the dataset's double; nothing was"
            + " written: drop or alter the table, or choose another --table",
        second.err().strip());
    assertTrue(
        java.util.Arrays.equals(manifestBefore, Files.readAllBytes(out.resolve("_MANIFEST.json"))));
    assertEquals(rowsBefore, rowsOnDisk(out.resolve("clean")));
    List<FieldSchema> cols = client.getTable("dis", "trips").getSd().getCols();
    assertEquals("decimal(10,2)", cols.get(7).getType());
  }

  /**
   * EMR plugs the Glue Data Catalog's client in through hive.metastore.client.factory.class: the
   * same path, with Hive's own factory (the interface Glue's implements), registers alike.
   */
  @Test
  void aClientFactoryAsEmrSetsForGlueRegistersTheSame() throws Exception {
    Path out = dir.resolve("factory/out");
    Configuration conf = conf();
    conf.set("hive.metastore.client.factory.class", ThriftClientFactory.class.getName());
    Run r =
        clean(
            conf,
            "--schema",
            SCHEMA.toString(),
            "--input",
            dir.resolve("landing/day1").toString(),
            "--output",
            out.toString(),
            "--table",
            "viafactory.trips");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().contains("in the catalog of " + ThriftClientFactory.class.getName()), r.out());
    assertEquals(TRIPS_COLUMNS, columns(client.getTable("viafactory", "trips")));
    assertEquals(
        new ArrayList<>(rowsOnDisk(out.resolve("clean")).keySet()),
        sorted(client.listPartitionNames("viafactory", "trips", (short) -1)));
    // A factory that is not on the classpath is a usage error, before anything runs.
    conf.set("hive.metastore.client.factory.class", "com.example.NoSuchFactory");
    Run missing =
        clean(
            conf,
            "--schema",
            SCHEMA.toString(),
            "--input",
            dir.resolve("landing/day1").toString(),
            "--output",
            dir.resolve("factory/none").toString(),
            "--table",
            "viafactory.none");
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("com.example.NoSuchFactory"), missing.err());
    assertFalse(Files.exists(dir.resolve("factory/none")));
  }

  /** Each upsert writes a new snapshot directory: its table moves to the newest, partitions too. */
  @Test
  void anUpsertTableFollowsTheNewestSnapshot() throws Exception {
    Path base = dir.resolve("upsert");
    for (int day = 1; day <= 2; day++) {
      Run c =
          clean(
              conf(),
              "--schema",
              SCHEMA.toString(),
              "--input",
              dir.resolve("landing/day" + day).toString(),
              "--output",
              base.resolve("batch" + day).toString());
      assertEquals(0, c.code(), c.err());
    }
    Run first =
        tool(
            conf(),
            "upsert",
            "--batch",
            base.resolve("batch1").toString(),
            "--output",
            base.resolve("snap1").toString(),
            "--table",
            "snap.trips");
    assertEquals(0, first.code(), first.err());
    Run second =
        tool(
            conf(),
            "upsert",
            "--snapshot",
            base.resolve("snap1").toString(),
            "--batch",
            base.resolve("batch2").toString(),
            "--output",
            base.resolve("snap2").toString(),
            "--table",
            "snap.trips");
    assertEquals(0, second.code(), second.err());
    assertTrue(
        second.out().contains("moved here from file:" + base.resolve("snap1/data")), second.out());
    Table t = client.getTable("snap", "trips");
    assertEquals("file:" + base.resolve("snap2/data"), t.getSd().getLocation());
    Map<String, Long> onDisk = rowsOnDisk(base.resolve("snap2/data"));
    assertEquals(
        new ArrayList<>(onDisk.keySet()),
        sorted(client.listPartitionNames("snap", "trips", (short) -1)));
    for (String p : client.listPartitionNames("snap", "trips", (short) -1)) {
      assertEquals(
          "file:" + base.resolve("snap2/data/" + p),
          client.getPartition("snap", "trips", p).getSd().getLocation());
    }
    long rows = onDisk.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(List.of("" + rows), metastore.beeline("SELECT count(*) FROM snap.trips;"));
  }

  /** A pipeline's table: key and a register step, run with --overwrite as a re-run would be. */
  @Test
  void aPipelineRegistersThroughTableKeysAndARegisterStep() throws Exception {
    Path base = dir.resolve("pipeline");
    Files.createDirectories(base);
    Path file = base.resolve("p.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: p",
            "database: pipe",
            "steps:",
            "  - name: clean",
            "    job: clean",
            "    table: trips",
            "    args: {schema: "
                + SCHEMA
                + ", input: "
                + dir.resolve("landing/day1")
                + ", output: "
                + base.resolve("clean")
                + "}",
            "  - name: again",
            "    job: register",
            "    args: {output: " + base.resolve("clean") + ", table: pipe.trips_again}",
            ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Run r =
        run(
            conf(),
            new io.batchkit.mr.pipeline.PipelineRunner(
                io.batchkit.mr.BatchkitDriver.pipelineJobs(),
                new PrintStream(out, true),
                new PrintStream(err, true)),
            out,
            err,
            file.toString(),
            "--overwrite");
    assertEquals(0, r.code(), r.err() + r.out());
    List<String> disk = new ArrayList<>(rowsOnDisk(base.resolve("clean/clean")).keySet());
    assertEquals(disk, sorted(client.listPartitionNames("pipe", "trips", (short) -1)));
    assertEquals(disk, sorted(client.listPartitionNames("pipe", "trips_again", (short) -1)));
  }
}
