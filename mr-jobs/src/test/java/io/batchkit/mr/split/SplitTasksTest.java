package io.batchkit.mr.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.mr.testing.DownstreamTasks;
import io.batchkit.mr.testing.TaskHarness;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The split job's tasks on the shared hand-written dataset ({@link DownstreamTasks}). */
class SplitTasksTest extends DownstreamTasks {
  @Test
  void splitMapperWritesEachRowUnderItsSplitAndPartition() throws Exception {
    Configuration c = conf();
    c.set(SplitConfigKeys.RATIOS, "train=0.5,test=0.5");
    c.setInt(SplitConfigKeys.SEED, 42);
    c.setInt("mapreduce.job.reduces", 0);
    TaskHarness.Result<Object, Object> r = map(new SplitMapper(), c);
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
    assertEquals(4, r.counter(SplitCounter.READ));
    assertEquals(1, r.counter(SplitCounter.INVALID));
    assertEquals(1, r.lines("quarantine/").size());
  }
}
