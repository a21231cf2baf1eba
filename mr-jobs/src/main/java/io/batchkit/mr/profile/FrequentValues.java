package io.batchkit.mr.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A column's most frequent values, reported only when the frequent-items sketch can vouch for them.
 * While the column's distinct values fit the sketch (up to 768), its counts are exact and are
 * reported as {@code count}; past that, each value comes with the sketch's {@code estimate} and the
 * {@code lower_bound}..{@code upper_bound} that holds the true count, and only values whose lower
 * bound exceeds the sketch's maximum error are reported (no false positives).
 *
 * <p>The sketch's error is at most {@code 3.5 / 1024} of the values (0.34%), so every value with 1%
 * of the column or more has a lower bound above it and is found. No value under 0.1% of the
 * column's rows is reported, nor, in exact mode, a value that occurs once.
 */
final class FrequentValues {
  static final int MAP_SIZE = 1024;
  static final int SHOWN = 10;
  static final double FLOOR_SHARE = 0.001;
  static final double FOUND_SHARE = 0.01;

  private ItemsSketch<String> sketch = new ItemsSketch<>(MAP_SIZE);

  void add(String value) {
    sketch.update(value);
  }

  void merge(FrequentValues o) {
    sketch.merge(o.sketch);
  }

  void write(DataOutput out) throws IOException {
    byte[] b = sketch.toByteArray(new ArrayOfStringsSerDe());
    out.writeInt(b.length);
    out.write(b);
  }

  void read(DataInput in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    sketch = ItemsSketch.getInstance(Memory.wrap(b), new ArrayOfStringsSerDe());
  }

  /**
   * Puts {@code top_values} (most frequent first), {@code top_values_exact} and, when the list is
   * empty, {@code top_values_note} into {@code m}.
   *
   * @param rows the column's fields, nulls and violations included: the base of the shares
   */
  void summarise(long rows, Map<String, Object> m) {
    boolean exact = sketch.getMaximumError() == 0;
    long floor = (long) Math.floor(FLOOR_SHARE * rows);
    // Rows returned have lower bound > threshold: > 0.1% of rows, twice at least when exact, and
    // above the sketch's error when estimated (the sketch raises the threshold to it by itself).
    long threshold = Math.max(floor, 1);
    ItemsSketch.Row<String>[] found =
        sketch.getFrequentItems(threshold, ErrorType.NO_FALSE_POSITIVES);
    List<Map<String, Object>> top = new ArrayList<>();
    for (ItemsSketch.Row<String> r : found) {
      // Every value that may hold 1% of the rows is kept, then the list is filled to SHOWN.
      if (top.size() >= SHOWN && r.getUpperBound() < FOUND_SHARE * rows) {
        break;
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("value", r.getItem());
      if (exact) {
        v.put("count", r.getEstimate());
      } else {
        v.put("estimate", r.getEstimate());
        v.put("lower_bound", r.getLowerBound());
        v.put("upper_bound", r.getUpperBound());
      }
      top.add(v);
    }
    m.put("top_values", top);
    m.put("top_values_exact", exact);
    if (top.isEmpty()) {
      m.put("top_values_note", emptyNote(exact, floor));
    }
  }

  private String emptyNote(boolean exact, long floor) {
    if (sketch.isEmpty()) {
      return "no valid value";
    }
    if (exact) {
      return floor <= 1
          ? "no value occurs more than once"
          : "no value occurs in more than 0.1% of rows (" + floor + ")";
    }
    return "no value is frequent enough to be told apart from the sketch's error (up to "
        + sketch.getMaximumError()
        + " of "
        + sketch.getStreamLength()
        + " values): no value holds 1% of the column";
  }
}
