package io.batchkit.mr.split;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.mr.testing.DownstreamTasks;
import io.batchkit.mr.testing.TaskHarness;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The split job's tasks on the shared hand-written dataset ({@link DownstreamTasks}). */
class SplitTasksTest extends DownstreamTasks {
  /** The documented rule, computed here: MurmurHash3 x64 (first half), top 53 bits, 50/50. */
  static String split(String key, int seed) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    double p = (MurmurHash3.hash128x64(b, 0, b.length, seed)[0] >>> 11) / (double) (1L << 53);
    return p < 0.5 ? "train" : "test";
  }

  @Test
  void splitMapperWritesEachRowUnderItsSplitAndPartition() throws Exception {
    Configuration c = conf();
    c.set(SplitConfigKeys.RATIOS, "train=0.5,test=0.5");
    c.setInt(SplitConfigKeys.SEED, 42);
    c.setInt("mapreduce.job.reduces", 0);
    TaskHarness.Result<Object, Object> r = map(new SplitMapper(), c);
    Set<String> folders = new TreeSet<>();
    for (String f : r.files().keySet()) {
      if (f.startsWith("data/")) {
        folders.add(f.substring(0, f.lastIndexOf('/') + 1));
      }
    }
    Set<String> expected = new TreeSet<>();
    for (String[] idAt :
        new String[][] {{"1", "2024-01-31"}, {"2", "2024-01-31"}, {"3", "2024-02-01"}}) {
      expected.add("data/split=" + split(idAt[0], 42) + "/dt=" + idAt[1] + "/");
    }
    assertEquals(expected, folders);
    assertEquals(4, r.counter(SplitCounter.READ));
    assertEquals(1, r.counter(SplitCounter.INVALID));
    assertEquals(1, r.lines("quarantine/").size());
  }
}
