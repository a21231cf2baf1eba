package io.batchkit.mr.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.DownstreamTasks;
import io.batchkit.mr.testing.TaskHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.IntWritable;
import org.junit.jupiter.api.Test;

/** The profile job's tasks on the shared hand-written dataset ({@link DownstreamTasks}). */
class ProfileTasksTest extends DownstreamTasks {
  @Test
  void profileMapperEmitsOneMergeableProfilePerColumnAndTheReducerSummarises() throws Exception {
    Configuration c = conf();
    TaskHarness.Result<Object, Object> m = map(new ProfileMapper(), c);
    assertEquals(5 + 1, m.emitted().size(), "one profile per column, and the keys'");
    assertEquals(4, m.counter(ProfileCounter.READ));
    assertEquals(1, m.counter(ProfileCounter.INVALID));
    List<Map.Entry<IntWritable, ProfileWritable>> twice = new ArrayList<>();
    for (int i = 0; i < 2; i++) { // as if two map tasks had read the same rows
      for (Map.Entry<Object, Object> e : m.emitted()) {
        twice.add(Map.entry((IntWritable) e.getKey(), (ProfileWritable) e.getValue()));
      }
    }
    TaskHarness.Result<Object, Object> r =
        TaskHarness.runReducer(
            new ProfileReducer(),
            c,
            twice,
            new IntWritable.Comparator(),
            new IntWritable.Comparator(),
            IntWritable.class,
            ProfileWritable.class,
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
}
