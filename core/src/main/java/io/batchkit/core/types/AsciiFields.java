package io.batchkit.core.types;

import java.nio.charset.StandardCharsets;

/**
 * One record's fields as places in its bytes, for a record of ASCII bytes split at its delimiter
 * ({@code CsvRecordParser.splitAscii}): a number or a time is read from the bytes, and only a value
 * that is kept as text (or quoted in a violation) becomes a String. Reused for the next record, as
 * is the one {@link Field} it hands out.
 */
public final class AsciiFields {
  private byte[] bytes;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int count;
  private final Field field = new Field();

  public void start(byte[] bytes) {
    this.bytes = bytes;
    this.count = 0;
  }

  public void add(int start, int end) {
    if (count == starts.length) {
      starts = java.util.Arrays.copyOf(starts, count * 2);
      ends = java.util.Arrays.copyOf(ends, count * 2);
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  public int count() {
    return count;
  }

  /** Field i, as a view of the bytes valid until the next call (not to be kept). */
  public Field field(int i) {
    field.start = starts[i];
    field.end = ends[i];
    return field;
  }

  public String text(int i) {
    return new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
  }

  /** A field's characters, read from the record's bytes. */
  public final class Field implements CharSequence {
    private int start;
    private int end;

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      return (char) bytes[start + index];
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return toString().substring(from, to);
    }

    /**
     * Whether the field begins or ends with a space or control character (then read it as text).
     */
    public boolean blankAtEnds() {
      return end > start && (bytes[start] <= ' ' || bytes[end - 1] <= ' ');
    }

    @Override
    public String toString() {
      return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** A hash of the field's bytes, for {@link FieldMemo}. */
    int hash() {
      int h = 0;
      for (int i = start; i < end; i++) {
        h = 31 * h + bytes[i];
      }
      return h ^ (h >>> 16);
    }

    boolean equalsBytes(byte[] other, int from) {
      return java.util.Arrays.equals(bytes, start, end, other, from, from + end - start);
    }

    void copyTo(byte[] other, int from) {
      System.arraycopy(bytes, start, other, from, end - start);
    }
  }
}
