package io.batchkit.mr.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.io.PartitionedRow;
import io.batchkit.mr.testing.TaskHarness;
import io.batchkit.mr.testing.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mappers and reducers of split, upsert, enrich, convert and profile, one task at a time on a
 * hand-written dataset, MRUnit style: records in, records and files out, counters.
 */
class DownstreamTasksTest {
  static final String ROWS =
      "1\t2024-01-31 10:00:00\t12.50\t7\ta\n"
          + "2\t2024-01-31 11:00:00\t3.00\t8\tb\n"
          + "3\t2024-02-01 09:00:00\t\\N\t9\ta\n"
          + "bad row\n";

  @TempDir Path dir;

  Configuration conf() throws Exception {
    return Tasks.job(Tasks.RIDES, "DATASET").getConfiguration();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  TaskHarness.Result<Object, Object> map(org.apache.hadoop.mapreduce.Mapper mapper, Configuration c)
      throws Exception {
    return TaskHarness.runMapper(
        mapper,
        c,
        Tasks.split(dir.resolve("in/part-m-00000"), ROWS),
        (List) Tasks.records(ROWS),
        dir.resolve("out"));
  }

  @Test
  void splitMapperWritesEachRowUnderItsSplitAndPartition() throws Exception {
    Configuration c = conf();
    c.set(SplitJob.CONF_RATIOS, "train=0.5,test=0.5");
    c.setInt(SplitJob.CONF_SEED, 42);
    c.setInt("mapreduce.job.reduces", 0);
    TaskHarness.Result<Object, Object> r = map(new SplitJob.SplitMapper(), c);
    io.batchkit.core.split.SplitAssigner a =
        io.batchkit.core.split.SplitAssigner.parse("train=0.5,test=0.5", 42);
    List<String> files = new ArrayList<>(r.files().keySet());
    files.sort(null);
    List<String> expected = new ArrayList<>();
    for (String[] idAt :
        new String[][] {{"1", "2024-01-31"}, {"2", "2024-01-31"}, {"3", "2024-02-01"}}) {
      expected.add("data/split=" + a.assign(idAt[0]) + "/dt=" + idAt[1] + "/");
    }
    for (String e : expected) {
      assertTrue(files.stream().anyMatch(f -> f.startsWith(e)), e + " in " + files);
    }
    assertEquals(4, r.counter(SplitJob.SplitCounter.READ));
    assertEquals(1, r.counter(SplitJob.SplitCounter.INVALID));
    assertEquals(1, r.lines("quarantine/").size());
  }

  @Test
  void upsertReducerKeepsTheNewestVersionAndCountsTheRest() throws Exception {
    Configuration c = conf();
    c.set(UpsertJob.CONF_ORDER, "at");
    List<Map.Entry<Text, UpsertJob.Version>> in = new ArrayList<>();
    in.add(version("1", 0, 10, "2024-01-31 10:00:00", false, "1\told"));
    in.add(version("1", 1, 5, "2024-02-01 00:00:00", false, "1\tnew"));
    in.add(version("2", 0, 20, "2024-01-31 10:00:00", false, "2\tkept"));
    in.add(version("2", 1, 30, "2024-01-30 00:00:00", false, "2\tolder batch row"));
    in.add(version("3", 0, 40, "2024-01-31 10:00:00", false, "3\tgone"));
    in.add(version("3", 1, 50, "2024-01-31 10:00:00", true, "3\tdelete marker"));
    in.add(version("4", 1, 60, null, false, "4\tinserted"));
    TaskHarness.Result<Object, Object> r =
        TaskHarness.runReducer(
            new UpsertJob.NewestWinsReducer(),
            c,
            in,
            new Text.Comparator(),
            new Text.Comparator(),
            Text.class,
            UpsertJob.Version.class,
            dir.resolve("r"));
    List<String> rows = new ArrayList<>(r.lines("data/"));
    rows.sort(null);
    assertEquals(List.of("1\tnew", "2\tkept", "4\tinserted"), rows);
    assertEquals(1, r.counter(UpsertJob.UpsertCounter.UPDATED));
    assertEquals(1, r.counter(UpsertJob.UpsertCounter.UNCHANGED));
    assertEquals(1, r.counter(UpsertJob.UpsertCounter.DELETED));
    assertEquals(1, r.counter(UpsertJob.UpsertCounter.INSERTED));
    assertEquals(3, r.counter(UpsertJob.UpsertCounter.SUPERSEDED));
  }

  static Map.Entry<Text, UpsertJob.Version> version(
      String key, int tag, long offset, String order, boolean delete, String row) {
    UpsertJob.Version v = new UpsertJob.Version();
    v.tag = tag;
    v.offset = offset;
    v.order = order;
    v.delete = delete;
    v.partition = "";
    v.row = row;
    return Map.entry(new Text(key), v);
  }

  @Test
  void enrichMapperJoinsFromTheCachedLookup() throws Exception {
    Path zones = dir.resolve("zones.csv");
    Files.writeString(zones, "zone_id,borough,zone_name\n7,Queens,Seven\n8,Bronx,Eight\n");
    Job job = Tasks.job(Tasks.RIDES, "DATASET");
    job.addCacheFile(new java.net.URI(zones.toUri() + "#" + EnrichJob.CACHE_LINK + "0"));
    Configuration c = job.getConfiguration();
    io.batchkit.mr.io.JobSchema.store(
        c,
        EnrichJob.LOOKUP_SLOT,
        Files.readAllBytes(Path.of("../examples/zones.yaml")),
        "zones.yaml");
    c.set(EnrichJob.CONF_LOOKUP_KIND, "RAW");
    c.set(EnrichJob.CONF_ON, "zone=zone_id");
    c.set(EnrichJob.CONF_COLUMNS, "borough");
    c.set(EnrichJob.CONF_UNMATCHED, "keep");
    c.setInt("mapreduce.job.reduces", 0);
    TaskHarness.Result<Object, Object> r = map(new EnrichJob.MapSideJoinMapper(), c);
    List<String> rows = new ArrayList<>(r.lines("data/"));
    rows.sort(null);
    assertEquals(
        List.of(
            "1\t2024-01-31 10:00:00\t12.50\t7\ta\tQueens",
            "2\t2024-01-31 11:00:00\t3.00\t8\tb\tBronx",
            "3\t2024-02-01 09:00:00\t\\N\t9\ta\t\\N"),
        rows);
    assertEquals(2, r.counter(EnrichJob.EnrichCounter.MATCHED));
    assertEquals(1, r.counter(EnrichJob.EnrichCounter.UNMATCHED_KEPT));
    assertEquals(1, r.counter(EnrichJob.EnrichCounter.INVALID));
  }

  @Test
  void enrichReducerSeesTheLookupRowFirst() throws Exception {
    Job job = Tasks.job(Tasks.RIDES, "DATASET");
    Configuration c = job.getConfiguration();
    io.batchkit.mr.io.JobSchema.store(
        c,
        EnrichJob.LOOKUP_SLOT,
        Files.readAllBytes(Path.of("../examples/zones.yaml")),
        "zones.yaml");
    c.set(EnrichJob.CONF_ON, "zone=zone_id");
    c.set(EnrichJob.CONF_COLUMNS, "borough");
    c.set(EnrichJob.CONF_UNMATCHED, "quarantine");
    List<Map.Entry<Text, PartitionedRow>> in = new ArrayList<>();
    in.add(tagged("7", '1', "dt=x", "row a"));
    in.add(tagged("7", '0', "", "Queens"));
    in.add(tagged("7", '1', "dt=x", "row b"));
    in.add(tagged("9", '1', "dt=y", "row c"));
    TaskHarness.Result<Object, Object> r =
        TaskHarness.runReducer(
            new EnrichJob.JoinReducer(),
            c,
            in,
            new Text.Comparator(),
            new EnrichJob.JoinKeyGrouping(),
            Text.class,
            PartitionedRow.class,
            dir.resolve("r"));
    List<String> rows = new ArrayList<>(r.lines("data/"));
    rows.sort(null);
    assertEquals(List.of("row a\tQueens", "row b\tQueens"), rows);
    assertEquals(1, r.lines("quarantine/").size());
    assertEquals(1, r.counter(EnrichJob.EnrichCounter.UNMATCHED_QUARANTINED));
  }

  static Map.Entry<Text, PartitionedRow> tagged(String key, char tag, String dt, String row) {
    PartitionedRow p = new PartitionedRow();
    p.set(dt, row);
    return Map.entry(new Text(key + '\u0000' + tag), p);
  }

  @Test
  void profileMapperEmitsOneMergeableProfilePerColumnAndTheReducerSummarises() throws Exception {
    Configuration c = conf();
    TaskHarness.Result<Object, Object> m = map(new ProfileJob.ProfileMapper(), c);
    assertEquals(5 + 1, m.emitted().size(), "one profile per column, and the keys'");
    assertEquals(4, m.counter(ProfileJob.ProfileCounter.READ));
    assertEquals(1, m.counter(ProfileJob.ProfileCounter.INVALID));
    List<Map.Entry<IntWritable, ProfileJob.ProfileWritable>> twice = new ArrayList<>();
    for (int i = 0; i < 2; i++) { // as if two map tasks had read the same rows
      for (Map.Entry<Object, Object> e : m.emitted()) {
        twice.add(Map.entry((IntWritable) e.getKey(), (ProfileJob.ProfileWritable) e.getValue()));
      }
    }
    TaskHarness.Result<Object, Object> r =
        TaskHarness.runReducer(
            new ProfileJob.ProfileReducer(),
            c,
            twice,
            new IntWritable.Comparator(),
            new IntWritable.Comparator(),
            IntWritable.class,
            ProfileJob.ProfileWritable.class,
            dir.resolve("r"));
    List<String> lines = new ArrayList<>();
    for (Map.Entry<Object, Object> e : r.emitted()) {
      lines.add(e.getValue().toString());
    }
    String fare = lines.stream().filter(l -> l.startsWith("2\t")).findFirst().orElseThrow();
    assertTrue(fare.contains("\"count\":6,\"nulls\":2"), fare);
    assertTrue(fare.contains("\"min\":\"3.00\",\"max\":\"12.50\""), fare);
    String keys = lines.stream().filter(l -> l.startsWith("5\t")).findFirst().orElseThrow();
    assertTrue(keys.contains("\"distinct_estimate\":3,"), keys);
  }

  @Test
  void convertReducerWritesColumnarFilesInTheTaskWorkDirectory() throws Exception {
    Configuration c = conf();
    c.set(ConvertJob.CONF_FORMAT, "PARQUET");
    c.set(ConvertJob.CONF_COMPRESSION, "snappy");
    c.setLong(ConvertJob.CONF_TARGET, 1 << 20);
    List<Map.Entry<Text, Text>> in = new ArrayList<>();
    in.add(
        Map.entry(
            new Text("dt=2024-01-31\u00000"), new Text("1\t2024-01-31 10:00:00\t12.50\t7\ta")));
    in.add(
        Map.entry(
            new Text("dt=2024-01-31\u00000"), new Text("2\t2024-01-31 11:00:00\t3.00\t8\tb")));
    in.add(
        Map.entry(new Text("dt=2024-02-01\u00000"), new Text("3\t2024-02-01 09:00:00\t\\N\t9\ta")));
    TaskHarness.Result<Object, Object> r =
        TaskHarness.runReducer(
            new ConvertJob.ColumnarReducer(),
            c,
            in,
            new Text.Comparator(),
            new Text.Comparator(),
            Text.class,
            Text.class,
            dir.resolve("r"));
    assertEquals(3, r.counter(ConvertJob.ConvertCounter.WRITTEN));
    assertEquals(2, r.counter(ConvertJob.ConvertCounter.FILES));
    List<String> names = new ArrayList<>(r.files().keySet());
    assertTrue(
        names.stream().anyMatch(n -> n.startsWith("data/dt=2024-01-31/") && n.endsWith(".parquet")),
        names.toString());
  }
}
