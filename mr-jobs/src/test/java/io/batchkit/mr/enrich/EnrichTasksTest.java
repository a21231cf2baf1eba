package io.batchkit.mr.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.mr.io.PartitionedRow;
import io.batchkit.mr.testing.DownstreamTasks;
import io.batchkit.mr.testing.TaskHarness;
import io.batchkit.mr.testing.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;

/** The enrich job's tasks on the shared hand-written dataset ({@link DownstreamTasks}). */
class EnrichTasksTest extends DownstreamTasks {
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
    c.set(EnrichConfigKeys.LOOKUP_KIND, "RAW");
    c.set(EnrichConfigKeys.ON, "zone=zone_id");
    c.set(EnrichConfigKeys.COLUMNS, "borough");
    c.set(EnrichConfigKeys.UNMATCHED, "keep");
    c.setInt("mapreduce.job.reduces", 0);
    TaskHarness.Result<Object, Object> r = map(new MapSideJoinMapper(), c);
    List<String> rows = new ArrayList<>(r.lines("data/"));
    rows.sort(null);
    assertEquals(
        List.of(
            "1\t2024-01-31 10:00:00\t12.50\t7\ta\tQueens",
            "2\t2024-01-31 11:00:00\t3.00\t8\tb\tBronx",
            "3\t2024-02-01 09:00:00\t\\N\t9\ta\t\\N"),
        rows);
    assertEquals(2, r.counter(EnrichCounter.MATCHED));
    assertEquals(1, r.counter(EnrichCounter.UNMATCHED_KEPT));
    assertEquals(1, r.counter(EnrichCounter.INVALID));
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
    c.set(EnrichConfigKeys.ON, "zone=zone_id");
    c.set(EnrichConfigKeys.COLUMNS, "borough");
    c.set(EnrichConfigKeys.UNMATCHED, "quarantine");
    List<Map.Entry<Text, PartitionedRow>> in = new ArrayList<>();
    in.add(tagged("7", '1', "dt=x", "row a"));
    in.add(tagged("7", '0', "", "Queens"));
    in.add(tagged("7", '1', "dt=x", "row b"));
    in.add(tagged("9", '1', "dt=y", "row c"));
    TaskHarness.Result<Object, Object> r =
        TaskHarness.runReducer(
            new JoinReducer(),
            c,
            in,
            new Text.Comparator(),
            new JoinKeyGrouping(),
            Text.class,
            PartitionedRow.class,
            dir.resolve("r"));
    List<String> rows = new ArrayList<>(r.lines("data/"));
    rows.sort(null);
    assertEquals(List.of("row a\tQueens", "row b\tQueens"), rows);
    assertEquals(1, r.lines("quarantine/").size());
    assertEquals(1, r.counter(EnrichCounter.UNMATCHED_QUARANTINED));
  }

  static Map.Entry<Text, PartitionedRow> tagged(String key, char tag, String dt, String row) {
    PartitionedRow p = new PartitionedRow();
    p.set(dt, row);
    return Map.entry(new Text(key + '\u0000' + tag), p);
  }
}
