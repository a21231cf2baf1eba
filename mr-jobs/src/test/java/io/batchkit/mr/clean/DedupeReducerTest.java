package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.mr.io.JobSchema;
import io.batchkit.mr.testing.TaskHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupeReducerTest {
  @TempDir Path dir;

  static Map.Entry<DedupeKey, DedupeValue> rec(
      String key, int file, long offset, String dt, String row) {
    DedupeKey k = new DedupeKey();
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    k.set(b, b.length, file, offset);
    DedupeValue r = new DedupeValue();
    if (row == null) {
      r.setRowIsKey(dt);
    } else {
      byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
      r.set(dt, bytes, bytes.length);
    }
    return Map.entry(k, r);
  }

  /** The reducer over one-column rows (no declared keys: whole-row keys). */
  TaskHarness.Result<Object, Object> reduce(List<Map.Entry<DedupeKey, DedupeValue>> in)
      throws Exception {
    Job job = Job.getInstance(new Configuration(false));
    Configuration conf = job.getConfiguration();
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    JobSchema.store(
        conf,
        "name: t\ncolumns:\n  - {name: a, type: string}\n".getBytes(StandardCharsets.UTF_8),
        "t.yaml");
    return TaskHarness.runReducer(
        new DedupeReducer(),
        conf,
        in,
        new DedupeKey.SortComparator(),
        new DedupeKey.GroupComparator(),
        DedupeKey.class,
        DedupeValue.class,
        dir.resolve("out"));
  }

  @Test
  void keepsTheFirstRecordOfEachKeyInFileThenOffsetOrder() throws Exception {
    List<Map.Entry<DedupeKey, DedupeValue>> in = new ArrayList<>();
    // Arrive in shuffled order; the sort comparator must put file 0 before file 1, and 10 before
    // 50.
    in.add(rec("k1", 1, 50, "dt=2024-01-02", "A third"));
    in.add(rec("k2", 0, 5, "dt=2024-01-01", "B only"));
    in.add(rec("k1", 0, 900, "dt=2024-01-01", "A first"));
    in.add(rec("k1", 1, 10, "dt=2024-01-02", "A second"));
    in.add(rec("k10", 0, 1, "", "C unpartitioned"));

    TaskHarness.Result<Object, Object> r = reduce(in);

    assertEquals(List.of("A first", "B only"), r.files().get("clean/dt=2024-01-01/part-r-00000"));
    assertEquals(List.of("C unpartitioned"), r.files().get("clean/part-r-00000"));
    assertEquals(null, r.files().get("clean/dt=2024-01-02/part-r-00000"));
    assertEquals(3, r.counter(CleanCounter.CLEAN));
    assertEquals(2, r.counter(CleanCounter.DUPLICATES));
  }

  @Test
  void aRowThatIsItsKeyIsWrittenFromTheKeyBytes() throws Exception {
    List<Map.Entry<DedupeKey, DedupeValue>> in = new ArrayList<>();
    in.add(rec("x\t1", 0, 30, "", null));
    in.add(rec("x\t1", 0, 10, "", null));
    in.add(rec("été\t2", 0, 20, "", null));
    in.add(rec("y\t3", 0, 40, "", "y\t3 from the value"));

    TaskHarness.Result<Object, Object> r = reduce(in);

    assertEquals(
        List.of("x\t1", "y\t3 from the value", "été\t2"), r.files().get("clean/part-r-00000"));
    assertEquals(1, r.counter(CleanCounter.DUPLICATES));
  }
}
