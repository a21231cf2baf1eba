package io.batchkit.core.types;

/**
 * One column's recently seen short fields and the values they cleaned to, keyed by their bytes: a
 * direct-mapped cache in one array, so neither a hit nor a miss allocates. Real columns repeat
 * (airport codes, zones, flags, amounts, the timestamp of a sorted landing), and a repeated field
 * then costs a hash and a compare instead of a String, a parse and its checks. Only a field whose
 * value broke no rule is kept, so a hit is the whole outcome. A column whose fields rarely repeat
 * turns the memo off after a window of lookups with few hits; it is tried again much later, as a
 * landing's order may change.
 */
public final class FieldMemo {
  /** The widest field kept: longer ones (notes, ids) rarely repeat. */
  static final int WIDTH = 24;

  private static final int SLOTS = 1024;
  private static final int WINDOW = 4096;
  private static final Object NULL = new Object();

  private final byte[] keys = new byte[SLOTS * WIDTH];
  private final int[] lengths = new int[SLOTS];
  private final Object[] values = new Object[SLOTS];
  private int slot = -1;
  private int lookups;
  private int hits;
  private int pausedWindows;

  /**
   * The value {@code field} cleaned to when last seen, or {@code this} when it is not held (then
   * {@link #keep} may store what it cleans to). A held null is returned as null.
   */
  public Object get(AsciiFields.Field field) {
    slot = -1;
    if (pausedWindows > 0 && !windowPassed()) {
      return this;
    }
    int length = field.length();
    if (length > WIDTH) {
      return this;
    }
    if (++lookups == WINDOW) {
      // Fewer than one field in eight seen again: the memo costs more than it saves.
      pausedWindows = hits < WINDOW / 8 ? 64 : 0;
      lookups = 0;
      hits = 0;
    }
    int s = field.hash() & (SLOTS - 1);
    if (values[s] != null && lengths[s] == length && field.equalsBytes(keys, s * WIDTH)) {
      hits++;
      Object v = values[s];
      return v == NULL ? null : v;
    }
    slot = s;
    return this;
  }

  /** Keeps what the field last looked up cleaned to (a value that broke no rule). */
  public void keep(AsciiFields.Field field, Object value) {
    if (slot < 0) {
      return;
    }
    field.copyTo(keys, slot * WIDTH);
    lengths[slot] = field.length();
    values[slot] = value == null ? NULL : value;
  }

  /** While paused, counts lookups by windows; true when the pause is over. */
  private boolean windowPassed() {
    if (++lookups < WINDOW) {
      return false;
    }
    lookups = 0;
    return --pausedWindows == 0;
  }
}
