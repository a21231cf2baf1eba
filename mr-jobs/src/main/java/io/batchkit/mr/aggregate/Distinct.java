package io.batchkit.mr.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/**
 * Exact distinct count: the set of values in canonical text form. In the mapper, ints, bigints and
 * dates are kept as they are (each has exactly one text, so the count is the same) and turned into
 * text only when the state is written or merged: a string per row was most of this metric's cost.
 *
 * <p>A state read from bytes stays bytes until it meets another: most groups reach the reducer as
 * one partial state (the mapper merged their rows), whose result is the number of strings written,
 * and building a set of them, then a second set to merge it into, was most of the reducer's work.
 * The count holds because a written state is a set's: distinct values, each in its one text.
 */
public final class Distinct extends Accumulator {
  final Set<Object> values = new HashSet<>();

  /** Whether {@link #values} holds values not yet in their text form. */
  private boolean typed;

  /** A state as written ({@code [vint length, UTF-8 bytes] x count}), or count -1: none. */
  private DataOutputBuffer encoded;

  private int encodedCount = -1;

  @Override
  public void add(Object v) {
    expand();
    if (v == null) {
      return;
    }
    boolean keepTyped = typed || values.isEmpty(); // a set is all typed or all text, never both
    if (keepTyped && (v instanceof Integer || v instanceof Long || v instanceof LocalDate)) {
      values.add(v);
      typed = true;
    } else {
      values.add(canonical(v));
    }
  }

  @Override
  public void merge(Accumulator o) {
    Distinct other = (Distinct) o;
    if (other.encodedCount >= 0 && encodedCount < 0 && values.isEmpty()) {
      keepEncoded(other.encodedCount, other.encoded.getData(), other.encoded.getLength());
      return;
    }
    expand();
    toText();
    if (other.encodedCount >= 0) {
      decode(other.encoded, other.encodedCount, values);
    } else if (other.typed) {
      for (Object v : other.values) {
        values.add(canonical(v));
      }
    } else {
      values.addAll(other.values);
    }
  }

  private void toText() {
    if (typed) {
      Object[] all = values.toArray();
      values.clear();
      for (Object v : all) {
        values.add(canonical(v));
      }
      typed = false;
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    if (encodedCount >= 0) {
      out.writeInt(encodedCount);
      out.write(encoded.getData(), 0, encoded.getLength());
      return;
    }
    out.writeInt(values.size());
    for (Object v : values) {
      writeString(out, canonical(v));
    }
  }

  @Override
  public void read(DataInput in) throws IOException {
    reset();
    int n = in.readInt();
    if (encoded == null) {
      encoded = new DataOutputBuffer();
    }
    for (int i = 0; i < n; i++) {
      int length = WritableUtils.readVInt(in);
      WritableUtils.writeVInt(encoded, length);
      encoded.write(in, length);
    }
    encodedCount = n;
  }

  @Override
  public Object result() {
    return (long) (encodedCount >= 0 ? encodedCount : values.size());
  }

  @Override
  public void reset() {
    values.clear();
    typed = false;
    encodedCount = -1;
    if (encoded != null) {
      encoded.reset();
    }
  }

  @Override
  boolean mergeIntoEmptyIsCopy() {
    return true;
  }

  private void keepEncoded(int count, byte[] bytes, int length) {
    if (encoded == null) {
      encoded = new DataOutputBuffer(length);
    }
    encoded.reset();
    try {
      encoded.write(bytes, 0, length);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // an array's stream: not thrown
    }
    encodedCount = count;
  }

  /** Turns a state kept as bytes into the set, before a value or another state is added to it. */
  private void expand() {
    if (encodedCount >= 0) {
      int count = encodedCount;
      encodedCount = -1;
      decode(encoded, count, values);
      encoded.reset();
    }
  }

  private static void decode(DataOutputBuffer from, int count, Set<Object> into) {
    byte[] b = from.getData();
    int at = 0;
    try {
      for (int i = 0; i < count; i++) {
        int length = WritableComparator.readVInt(b, at);
        at += WritableUtils.decodeVIntSize(b[at]);
        into.add(new String(b, at, length, StandardCharsets.UTF_8));
        at += length;
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("a count_distinct state could not be read", e);
    }
  }
}
