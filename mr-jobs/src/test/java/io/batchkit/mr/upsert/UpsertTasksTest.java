package io.batchkit.mr.upsert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.mr.testing.DownstreamTasks;
import io.batchkit.mr.testing.TaskHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

/** The upsert job's tasks on the shared hand-written dataset ({@link DownstreamTasks}). */
class UpsertTasksTest extends DownstreamTasks {
  @Test
  void upsertReducerKeepsTheNewestVersionAndCountsTheRest() throws Exception {
    Configuration c = conf();
    c.set(UpsertConfigKeys.ORDER, "at");
    List<Map.Entry<Text, Version>> in = new ArrayList<>();
    in.add(version("1", 0, 10, "2024-01-31 10:00:00", false, "1\told"));
    in.add(version("1", 1, 5, "2024-02-01 00:00:00", false, "1\tnew"));
    in.add(version("2", 0, 20, "2024-01-31 10:00:00", false, "2\tkept"));
    in.add(version("2", 1, 30, "2024-01-30 00:00:00", false, "2\tolder batch row"));
    in.add(version("3", 0, 40, "2024-01-31 10:00:00", false, "3\tgone"));
    in.add(version("3", 1, 50, "2024-01-31 10:00:00", true, "3\tdelete marker"));
    in.add(version("4", 1, 60, null, false, "4\tinserted"));
    TaskHarness.Result<Object, Object> r =
        TaskHarness.runReducer(
            new NewestWinsReducer(),
            c,
            in,
            new Text.Comparator(),
            new Text.Comparator(),
            Text.class,
            Version.class,
            dir.resolve("r"));
    List<String> rows = new ArrayList<>(r.lines("data/"));
    rows.sort(null);
    assertEquals(List.of("1\tnew", "2\tkept", "4\tinserted"), rows);
    assertEquals(1, r.counter(UpsertCounter.UPDATED));
    assertEquals(1, r.counter(UpsertCounter.UNCHANGED));
    assertEquals(1, r.counter(UpsertCounter.DELETED));
    assertEquals(1, r.counter(UpsertCounter.INSERTED));
    assertEquals(3, r.counter(UpsertCounter.SUPERSEDED));
  }

  static Map.Entry<Text, Version> version(
      String key, int tag, long offset, String order, boolean delete, String row) {
    Version v = new Version();
    v.tag = tag;
    v.offset = offset;
    v.order = order;
    v.delete = delete;
    v.partition = "";
    v.row = row;
    return Map.entry(new Text(key), v);
  }
}
