package io.batchkit.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {
  @Test
  void positionIsTheTop53BitsOfMurmur3x64OfTheKeyAndSeed() {
    SplitAssigner a = SplitAssigner.parse("train=0.8,test=0.2", 42);
    for (String key : new String[] {"1\t2024-01-01 05:00:53", "", "\u00e9", "x"}) {
      byte[] b = key.getBytes(StandardCharsets.UTF_8);
      long h = MurmurHash3.hash128x64(b, 0, b.length, 42)[0];
      double expected = (double) (h >>> 11) / (1L << 53);
      assertEquals(expected, a.position(key));
      assertEquals(expected < 0.8 ? "train" : "test", a.assign(key));
    }
  }

  @Test
  void sharesFollowTheRatiosAndTheSeedMatters() {
    SplitAssigner a = SplitAssigner.parse("train=0.8,validation=0.1,test=0.1", 42);
    SplitAssigner b = SplitAssigner.parse("train=0.8,validation=0.1,test=0.1", 43);
    Map<String, Integer> counts = new TreeMap<>();
    int differ = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      String key = "key-" + i;
      counts.merge(a.assign(key), 1, Integer::sum);
      if (!a.assign(key).equals(b.assign(key))) {
        differ++;
      }
    }
    assertEquals(0.8, counts.get("train") / (double) n, 0.005);
    assertEquals(0.1, counts.get("validation") / (double) n, 0.005);
    assertEquals(0.1, counts.get("test") / (double) n, 0.005);
    // Independent seeds agree where both say train (0.64), or validation or test (0.01 each).
    assertEquals(1 - 0.66, differ / (double) n, 0.01);
  }

  @Test
  void rejectsRatiosThatDoNotAddUpOrRepeat() {
    assertEquals(
        "ratios: must add up to 1, they add up to 0.900000",
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.parse("a=0.8,b=0.1", 1))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> SplitAssigner.parse("a=0.5,a=0.5", 1));
    assertThrows(IllegalArgumentException.class, () -> SplitAssigner.parse("a=x,b=1", 1));
    assertThrows(IllegalArgumentException.class, () -> SplitAssigner.parse("train", 1));
  }

  @Test
  void stratifiedAllocationStaysWithinOneKeyOfTheRatiosAtEveryPrefix() {
    SplitAssigner a = SplitAssigner.parse("train=0.7,validation=0.2,test=0.1", 1);
    StratifiedAllocator s = new StratifiedAllocator(a);
    long[] counts = new long[3];
    for (int n = 1; n <= 10_000; n++) {
      counts[s.next()]++;
      for (int i = 0; i < 3; i++) {
        assertTrue(Math.abs(counts[i] - a.ratio(i) * n) <= 1.0, "split " + i + " after " + n);
      }
    }
  }
}
