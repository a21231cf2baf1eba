package io.batchkit.core.split;

import io.batchkit.core.io.RowFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The deterministic train/validation/test assignment shared by the {@code split} job and the Hive
 * function: a key's position in [0, 1) is a 64-bit MurmurHash3 of its key columns (in Hive text
 * form) and a seed, and the ratios cut [0, 1) into consecutive ranges. A key therefore lands in the
 * same split in every run, on any superset of the data, and in MapReduce and Hive alike.
 */
public final class SplitAssigner {
  private static final double TOLERANCE = 1e-9;

  private final List<String> names;
  private final double[] ratios;
  private final double[] upper;
  private final int seed;

  private SplitAssigner(List<String> names, double[] ratios, int seed) {
    this.names = List.copyOf(names);
    this.ratios = ratios;
    this.seed = seed;
    this.upper = new double[ratios.length];
    double sum = 0;
    for (int i = 0; i < ratios.length; i++) {
      sum += ratios[i];
      upper[i] = sum;
    }
    upper[ratios.length - 1] = 1.0; // no key may fall past the last range through rounding
  }

  /**
   * Parses {@code train=0.8,validation=0.1,test=0.1}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static SplitAssigner parse(String spec, int seed) {
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2 || !kv[0].trim().matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException(
            "ratios: '" + part.trim() + "' is not name=ratio (e.g. train=0.8,test=0.2)");
      }
      String name = kv[0].trim();
      if (!seen.add(name)) {
        throw new IllegalArgumentException("ratios: split '" + name + "' is named twice");
      }
      double r;
      try {
        r = Double.parseDouble(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "ratios: '" + kv[1].trim() + "' for " + name + " is not a number");
      }
      if (!(r > 0 && r <= 1)) {
        throw new IllegalArgumentException("ratios: " + name + " must be in (0, 1], got " + r);
      }
      names.add(name);
      values.add(r);
    }
    double sum = values.stream().mapToDouble(Double::doubleValue).sum();
    if (Math.abs(sum - 1.0) > TOLERANCE) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "ratios: must add up to 1, they add up to %.6f", sum));
    }
    return new SplitAssigner(names, values.stream().mapToDouble(d -> d).toArray(), seed);
  }

  public List<String> names() {
    return names;
  }

  public double ratio(int split) {
    return ratios[split];
  }

  public int size() {
    return ratios.length;
  }

  /** The key's position in [0, 1): the top 53 bits of its 64-bit hash. */
  public double position(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    long h = MurmurHash3.hash128x64(bytes, 0, bytes.length, seed)[0];
    return (h >>> 11) * 0x1.0p-53;
  }

  /** The split (index into {@link #names()}) a position falls in. */
  public int split(double position) {
    for (int i = 0; i < upper.length; i++) {
      if (position < upper[i]) {
        return i;
      }
    }
    return upper.length - 1;
  }

  public String assign(String key) {
    return names.get(split(position(key)));
  }

  /** The key string of a row's key values: Hive text form, as {@code clean --dedupe} keys rows. */
  public static String key(Object[] keyValues) {
    StringBuilder sb = new StringBuilder(32);
    RowFormat.TEXT.append(keyValues, sb);
    return sb.toString();
  }
}
