package io.batchkit.mr.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MomentsTest {
  @Test
  void mergedMomentsGiveTheTwoPassSkewness() {
    Random random = new Random(8);
    double[] xs = new double[10_000];
    Moments a = new Moments();
    Moments b = new Moments();
    for (int i = 0; i < xs.length; i++) {
      xs[i] = Math.exp(random.nextGaussian());
      (i < 3_000 ? a : b).add(xs[i]);
    }
    a.merge(b);
    double mean = 0;
    for (double x : xs) {
      mean += x / xs.length;
    }
    double m2 = 0;
    double m3 = 0;
    for (double x : xs) {
      m2 += (x - mean) * (x - mean) / xs.length;
      m3 += (x - mean) * (x - mean) * (x - mean) / xs.length;
    }
    assertEquals(mean, a.mean(), 1e-9);
    assertEquals(Math.sqrt(m2), a.stddev(), 1e-9);
    assertEquals(m3 / Math.pow(m2, 1.5), a.skewness(), 1e-9);
  }
}
