package io.batchkit.core.record;

import io.batchkit.core.io.RowFormat;
import io.batchkit.core.schema.Schema;

/**
 * The columns that identify a row: the schema's {@code keys}, else the whole row (so that without
 * declared keys, duplicates are whole-row duplicates).
 */
public final class KeyColumns {
  private final int[] indexes;
  private final Object[] values;
  private final StringBuilder text = new StringBuilder(64);
  private final boolean wholeRow;

  public KeyColumns(Schema schema) {
    int[] keys = schema.keyIndexes();
    wholeRow = keys.length == 0;
    if (wholeRow) {
      keys = new int[schema.columns().size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = i;
      }
    }
    this.indexes = keys;
    this.values = new Object[keys.length];
  }

  /**
   * Whether the key is the whole row: then {@link #text} equals the row in {@link RowFormat#TEXT}
   * with every column.
   */
  public boolean wholeRow() {
    return wholeRow;
  }

  /** The key columns' values of a row, in key order (reused for the next row). */
  public Object[] values(Object[] row) {
    for (int i = 0; i < indexes.length; i++) {
      values[i] = row[indexes[i]];
    }
    return values;
  }

  /** The key of a row in Hive text form: unambiguous, as tabs and backslashes are escaped. */
  public String text(Object[] row) {
    text.setLength(0);
    RowFormat.TEXT.append(values(row), text);
    return text.toString();
  }
}
