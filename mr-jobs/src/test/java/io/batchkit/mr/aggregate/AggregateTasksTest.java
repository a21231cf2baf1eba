package io.batchkit.mr.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.mr.testing.TaskHarness;
import io.batchkit.mr.testing.Tasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregate job's mapper, combiner and reducer, one task at a time. */
class AggregateTasksTest {
  static final String ROWS =
      "1\t2024-01-31 10:00:00\t12.50\t7\ta\n"
          + "2\t2024-01-31 11:00:00\t3.00\t7\tb\n"
          + "3\t2024-02-01 09:00:00\t\\N\t8\ta\n"
          + "4\tnot a time\t1.00\t8\ta\n" // does not decode: counted as invalid
          + "5\t2024-02-01 10:00:00\t4.25\t\\N\tb\n";

  @TempDir Path dir;

  Configuration conf() throws Exception {
    Job job = Tasks.job(Tasks.RIDES, "DATASET");
    Configuration c = job.getConfiguration();
    c.set("batchkit.aggregate.metrics", "count, sum(fare), max(at)");
    c.set("batchkit.aggregate.group-by", "zone");
    c.set("batchkit.aggregate.filter", "id != 2");
    return c;
  }

  @Test
  void mapperEmitsOneTypedPartialPerKeptRowAndCountsTheRest() throws Exception {
    Configuration c = conf();
    c.setBoolean("batchkit.aggregate.combine", false);
    TaskHarness.Result<Text, Partials> r =
        TaskHarness.runMapper(
            new AggregateMapper(),
            c,
            Tasks.split(dir.resolve("in/part-m-00000"), ROWS),
            Tasks.records(ROWS),
            dir.resolve("out"));
    List<String> keys = new ArrayList<>();
    for (Map.Entry<Text, Partials> e : r.emitted()) {
      keys.add(e.getKey().toString());
    }
    assertEquals(List.of("7", "8", "\\N"), keys);
    assertEquals(5, r.counter(AggregateCounter.READ));
    assertEquals(1, r.counter(AggregateCounter.INVALID));
    assertEquals(1, r.counter(AggregateCounter.FILTERED_OUT));
    assertEquals(3, r.counter(AggregateCounter.AGGREGATED));
    assertEquals(1, r.lines("quarantine/").size());
  }

  @Test
  void mapperMergesRowsOfAGroupInMemoryAndFlushesWhenFull() throws Exception {
    Configuration c = conf();
    c.setInt("batchkit.aggregate.map-groups", 1);
    String rows =
        ROWS + "6\t2024-02-01 11:00:00\t2.00\t8\ta\n" + "7\t2024-02-01 12:00:00\t1.00\t8\ta\n";
    TaskHarness.Result<Text, Partials> r =
        TaskHarness.runMapper(
            new AggregateMapper(),
            c,
            Tasks.split(dir.resolve("in/part-m-00000"), rows),
            Tasks.records(rows),
            dir.resolve("out"));
    List<String> emitted = new ArrayList<>();
    for (Map.Entry<Text, Partials> e : r.emitted()) {
      emitted.add(e.getKey() + "=" + e.getValue().get(0).result());
    }
    // With room for one group, each new group flushes the one before; the last two rows (both
    // zone 8) are merged in memory.
    assertEquals(List.of("7=1", "8=1", "\\N=1", "8=2"), emitted);
    assertEquals(5, r.counter(AggregateCounter.AGGREGATED));
  }

  @Test
  void combinerAndReducerMergePartialsIntoTheGroupsRow() throws Exception {
    Configuration c = conf();
    Partials p = new Partials();
    p.setConf(c);
    List<Map.Entry<Text, Partials>> in = new ArrayList<>();
    Object[][] rows = {
      {
        1,
        java.time.LocalDateTime.parse("2024-01-31T10:00"),
        new java.math.BigDecimal("12.50"),
        7,
        "a"
      },
      {
        2,
        java.time.LocalDateTime.parse("2024-01-31T11:00"),
        new java.math.BigDecimal("3.00"),
        7,
        "b"
      },
      {3, java.time.LocalDateTime.parse("2024-02-01T09:00"), null, 8, "a"},
    };
    for (Object[] row : rows) {
      Partials one = new Partials();
      one.setConf(c);
      one.add(
          row,
          Aggregation.metrics(io.batchkit.mr.io.JobSchema.load(c), "count, sum(fare), max(at)"));
      in.add(Map.entry(new Text(row[3].toString()), one));
    }
    TaskHarness.Result<Text, Partials> combined =
        TaskHarness.runReducer(
            new PartialsCombiner(),
            c,
            in,
            new Text.Comparator(),
            new Text.Comparator(),
            Text.class,
            Partials.class,
            dir.resolve("c"));
    assertEquals(2, combined.emitted().size(), "one partial per group after combining");
    TaskHarness.Result<Object, Object> reduced =
        TaskHarness.runReducer(
            new AggregateReducer(),
            c,
            new ArrayList<>(combined.emitted()),
            new Text.Comparator(),
            new Text.Comparator(),
            Text.class,
            Partials.class,
            dir.resolve("r"));
    assertEquals(
        List.of("7\t2\t15.50\t2024-01-31 11:00:00", "8\t1\t\\N\t2024-02-01 09:00:00"),
        reduced.lines("data/"));
    assertEquals(2, reduced.counter(AggregateCounter.GROUPS));
  }

  @Test
  void aLonePartialPassesTheCombinerAsItsBytesAndMergesAsBefore() throws Exception {
    Configuration c = conf();
    String metrics = "count, sum(fare), count_distinct(label), max(at), avg(fare)";
    c.set("batchkit.aggregate.metrics", metrics);
    List<Metric> m = Aggregation.metrics(io.batchkit.mr.io.JobSchema.load(c), metrics);
    Partials built = new Partials(m);
    for (int id = 1; id <= 3; id++) { // a mean of 0.1 over 3: merged into nothing, 0.1 * 3 / 3
      built.add(new Object[] {id, null, new java.math.BigDecimal("0.10"), 7, "a"}, m);
    }
    byte[] bytes = bytes(built);
    Partials read = new Partials(m);
    read.readFields(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
    Partials combined = new Partials(m);
    combined.combineAll(List.of(read));
    // avg's merge divides: such a group is merged as it always was, not passed through.
    assertEquals("3\t0.30\t1\t\\N\t0.10000000000000002", result(combined, m.size()));

    c.set("batchkit.aggregate.metrics", "count, count_distinct(label)");
    List<Metric> exact =
        Aggregation.metrics(io.batchkit.mr.io.JobSchema.load(c), "count, count_distinct(label)");
    Partials two = new Partials(exact);
    two.add(new Object[] {1, null, null, 7, "a"}, exact);
    two.add(new Object[] {2, null, null, 7, "b"}, exact);
    byte[] twoBytes = bytes(two);
    Partials lone = new Partials(exact);
    lone.readFields(new java.io.DataInputStream(new java.io.ByteArrayInputStream(twoBytes)));
    Partials passed = new Partials(exact);
    passed.combineAll(List.of(lone));
    org.junit.jupiter.api.Assertions.assertArrayEquals(twoBytes, bytes(passed));
    Partials merged = new Partials(exact);
    merged.combineAll(List.of(lone, lone));
    assertEquals("4\t2", result(merged, 2), "two partials are merged: counts add, sets unite");
  }

  private static byte[] bytes(Partials p) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    p.write(new java.io.DataOutputStream(out));
    return out.toByteArray();
  }

  private static String result(Partials p, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      Object r = p.get(i).result();
      sb.append(i == 0 ? "" : "\t").append(r == null ? "\\N" : r.toString());
    }
    return sb.toString();
  }
}
