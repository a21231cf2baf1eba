package io.batchkit.core.rules;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.AsciiFields;
import java.util.List;

/**
 * Applies a schema's rules to one record's fields: the one implementation behind the MapReduce jobs
 * and the Hive functions. Not thread-safe (it reuses matchers); make one per task.
 */
public final class RowCleaner {
  private final Schema schema;
  private final ColumnRules[] columns;

  public RowCleaner(Schema schema) {
    this.schema = schema;
    List<Column> cs = schema.columns();
    this.columns = new ColumnRules[cs.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new ColumnRules(cs.get(i), schema.nulls());
    }
  }

  public Schema schema() {
    return schema;
  }

  public int width() {
    return columns.length;
  }

  /**
   * Cleans one record.
   *
   * @param fields the record's fields as read
   * @param values receives the typed values, in schema column order ({@code width()} long)
   * @param violations receives every broken rule
   * @return whether the record is clean
   */
  public boolean clean(List<String> fields, Object[] values, List<Violation> violations) {
    if (!fieldCount(fields.size(), violations)) {
      return false;
    }
    int before = violations.size();
    for (int i = 0; i < columns.length; i++) {
      values[i] = columns[i].apply(fields.get(i), violations);
    }
    return violations.size() == before;
  }

  /** As {@link #clean(List, Object[], List)} for a record split from its ASCII bytes. */
  public boolean clean(AsciiFields fields, Object[] values, List<Violation> violations) {
    if (!fieldCount(fields.count(), violations)) {
      return false;
    }
    int before = violations.size();
    for (int i = 0; i < columns.length; i++) {
      values[i] = columns[i].apply(fields.field(i), violations);
    }
    return violations.size() == before;
  }

  private boolean fieldCount(int found, List<Violation> violations) {
    if (found == columns.length) {
      return true;
    }
    violations.add(
        new Violation(
            null, Rule.FIELD_COUNT, "expected " + columns.length + " fields, found " + found));
    return false;
  }

  /**
   * Cleans one record whose values were found by name (a JSON object): every column has one.
   *
   * @param fields each column's value as text; null for a null or absent value
   * @param mismatches per column, a value of a kind the column's type cannot hold (as found), else
   *     null: a {@code type} violation
   */
  public boolean clean(
      String[] fields, String[] mismatches, Object[] values, List<Violation> violations) {
    int before = violations.size();
    for (int i = 0; i < columns.length; i++) {
      if (mismatches[i] != null) {
        violations.add(new Violation(columns[i].column().name(), Rule.TYPE, mismatches[i]));
        values[i] = null;
      } else {
        values[i] = columns[i].apply(fields[i], violations);
      }
    }
    return violations.size() == before;
  }
}
