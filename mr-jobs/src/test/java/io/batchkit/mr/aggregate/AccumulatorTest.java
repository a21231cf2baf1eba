package io.batchkit.mr.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.core.types.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccumulatorTest {
  static Accumulator of(Metric.Function f, ColumnType t, double q) {
    return Accumulator.create(new Metric(f, "m", 0, t, q));
  }

  /** Serialises and reads back, as between the mapper, the combiner and the reducer. */
  static Accumulator trip(Accumulator a, Metric.Function f, ColumnType t, double q)
      throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    a.write(new DataOutputStream(b));
    Accumulator back = of(f, t, q);
    back.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
    return back;
  }

  /** The map side: one partial per value, serialised, merged in chunks, then the chunks merged. */
  static Object mapCombineReduce(Metric.Function f, ColumnType t, double q, List<?> values)
      throws IOException {
    List<Accumulator> combined = new ArrayList<>();
    Accumulator chunk = null;
    for (int i = 0; i < values.size(); i++) {
      Accumulator one = of(f, t, q);
      one.add(values.get(i));
      if (chunk == null) {
        chunk = of(f, t, q);
      }
      chunk.merge(trip(one, f, t, q));
      if (i % 997 == 996) {
        combined.add(trip(chunk, f, t, q));
        chunk = null;
      }
    }
    if (chunk != null) {
      combined.add(trip(chunk, f, t, q));
    }
    Accumulator total = of(f, t, q);
    for (Accumulator c : combined) {
      total.merge(c);
    }
    return total.result();
  }

  @Test
  void approxDistinctIsWithinTwoPercentOnAMillionKeys() throws IOException {
    ColumnType bigint = ColumnType.parse("bigint");
    // 4 "map tasks" of 250k distinct keys each, each serialised, then unioned
    Accumulator total = of(Metric.Function.APPROX_DISTINCT, bigint, 0);
    Random r = new Random(1);
    java.util.Set<Long> exact = new java.util.HashSet<>();
    long n = 0;
    for (int task = 0; task < 4; task++) {
      Accumulator a = of(Metric.Function.APPROX_DISTINCT, bigint, 0);
      for (int i = 0; i < 250_000; i++) {
        long key = n++ * 7919 + r.nextInt(7919); // distinct by construction
        a.add(key);
        exact.add(key);
        if (i % 3 == 0) {
          a.add(key); // and some seen twice
        }
      }
      total.merge(trip(a, Metric.Function.APPROX_DISTINCT, bigint, 0));
    }
    assertEquals(1_000_000, exact.size());
    long estimate = (Long) total.result();
    assertEquals(exact.size(), estimate, 0.02 * exact.size(), "estimate " + estimate);
  }

  @Test
  void exactMetricsAgreeWithAPlainComputationWhateverTheMergeOrder() throws IOException {
    ColumnType dec = ColumnType.parse("decimal(10,2)");
    Random r = new Random(3);
    List<BigDecimal> values = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal min = null;
    for (int i = 0; i < 10_000; i++) {
      BigDecimal v = BigDecimal.valueOf(r.nextInt(2_000_000) - 1_000_000, 2);
      values.add(r.nextInt(20) == 0 ? null : v);
      if (values.get(i) != null) {
        sum = sum.add(v);
        min = min == null || v.compareTo(min) < 0 ? v : min;
      }
    }
    long nonNull = values.stream().filter(v -> v != null).count();
    assertEquals(sum, mapCombineReduce(Metric.Function.SUM, dec, 0, values));
    assertEquals(min, mapCombineReduce(Metric.Function.MIN, dec, 0, values));
    assertEquals(nonNull, mapCombineReduce(Metric.Function.COUNT, dec, 0, values));
    double mean =
        values.stream()
            .filter(v -> v != null)
            .mapToDouble(BigDecimal::doubleValue)
            .average()
            .orElseThrow();
    double var =
        values.stream()
                .filter(v -> v != null)
                .mapToDouble(v -> (v.doubleValue() - mean) * (v.doubleValue() - mean))
                .sum()
            / nonNull;
    assertEquals(mean, (Double) mapCombineReduce(Metric.Function.AVG, dec, 0, values), 1e-9);
    assertEquals(
        Math.sqrt(var), (Double) mapCombineReduce(Metric.Function.STDDEV, dec, 0, values), 1e-6);
    assertEquals(
        values.stream().filter(v -> v != null).distinct().count(),
        mapCombineReduce(Metric.Function.COUNT_DISTINCT, dec, 0, values));
  }

  /**
   * count_distinct states read from bytes are kept as bytes until they meet another state or a
   * value: whatever the order of merges, reads and adds, the count is a plain set's, and a lone
   * state read back is written out as it came.
   */
  @Test
  void countDistinctKeptAsBytesCountsAsAPlainSetWhateverTheOrder() throws IOException {
    Metric.Function f = Metric.Function.COUNT_DISTINCT;
    for (String type : new String[] {"string", "int"}) {
      ColumnType t = ColumnType.parse(type);
      Random r = new Random(type.length());
      for (int round = 0; round < 200; round++) {
        java.util.Set<String> expected = new java.util.HashSet<>();
        Accumulator total = of(f, t, 0);
        int steps = 1 + r.nextInt(6);
        for (int s = 0; s < steps; s++) {
          Accumulator part = of(f, t, 0);
          for (int i = r.nextInt(8); i > 0; i--) {
            int v = r.nextInt(12);
            part.add(type.equals("int") ? (Object) v : "v\u00e9" + v);
            expected.add(String.valueOf(v));
          }
          switch (r.nextInt(3)) {
            case 0 -> total.merge(trip(part, f, t, 0)); // a state read from bytes
            case 1 -> total.merge(part); // a state built from values
            default -> { // a value added to a state read from bytes
              total.merge(trip(part, f, t, 0));
              int v = r.nextInt(12);
              total.add(type.equals("int") ? (Object) v : "v\u00e9" + v);
              expected.add(String.valueOf(v));
            }
          }
          if (r.nextBoolean()) {
            total = trip(total, f, t, 0);
          }
          assertEquals((long) expected.size(), total.result(), type + " round " + round);
        }
      }
      Accumulator built = of(f, t, 0);
      built.add(type.equals("int") ? (Object) 7 : "seven");
      built.add(type.equals("int") ? (Object) 8 : "eight");
      Accumulator lone = of(f, t, 0);
      lone.merge(trip(built, f, t, 0));
      org.junit.jupiter.api.Assertions.assertArrayEquals(bytes(built), bytes(lone), type);
    }
  }

  private static byte[] bytes(Accumulator a) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    a.write(new DataOutputStream(b));
    return b.toByteArray();
  }

  @Test
  void approxQuantileIsWithinTheKllRankError() throws IOException {
    ColumnType d = ColumnType.parse("double");
    Random r = new Random(11);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      values.add(r.nextGaussian() * 10);
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    for (double q : new double[] {0.1, 0.5, 0.9}) {
      double got = (Double) mapCombineReduce(Metric.Function.APPROX_QUANTILE, d, q, values);
      long below = sorted.stream().filter(v -> v < got).count();
      assertEquals(q, below / (double) sorted.size(), 0.02, "rank of the " + q + " quantile");
    }
  }
}
