package io.batchkit.core.record;

import io.batchkit.core.rules.RowCleaner;
import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.Schema;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code header: by_name}: where each schema column is in the current file, from the file's header
 * (names folded as infer folds them). A column the file lacks is null in its rows; a file column
 * the schema lacks is not read (the header check decides whether that may run).
 */
final class HeaderMapping {
  private final Schema schema;
  private final Map<String, Integer> columns = new HashMap<>();
  private final int[] from;
  private final String[] fields;
  private final String[] mismatches;
  private int width = -1;

  HeaderMapping(Schema schema) {
    this.schema = schema;
    for (int i = 0; i < schema.columns().size(); i++) {
      columns.put(ColumnNames.fold(schema.columns().get(i).name()), i);
    }
    this.from = new int[schema.columns().size()];
    this.fields = new String[from.length];
    this.mismatches = new String[from.length];
  }

  /** A new file's header. */
  void read(List<String> header) {
    Arrays.fill(from, -1);
    for (int f = header.size() - 1; f >= 0; f--) {
      Integer c = columns.get(ColumnNames.fold(header.get(f)));
      if (c != null) {
        from[c] = f; // a repeated name: the first wins (and the header check refuses it)
      }
    }
    width = header.size();
  }

  /** Cleans a record of the current file: as wide as its header, its fields put in schema order. */
  boolean clean(
      List<String> record, RowCleaner cleaner, Object[] values, List<Violation> violations) {
    if (width < 0) {
      throw new IllegalStateException(
          "schema "
              + schema.name()
              + " has header: by_name, but a file's first record was not read");
    }
    if (record.size() != width) {
      violations.add(
          new Violation(
              null,
              Rule.FIELD_COUNT,
              "expected " + width + " fields (this file's header), found " + record.size()));
      return false;
    }
    for (int c = 0; c < from.length; c++) {
      fields[c] = from[c] < 0 ? null : record.get(from[c]);
    }
    return cleaner.clean(fields, mismatches, values, violations);
  }
}
