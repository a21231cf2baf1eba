package io.batchkit.hive.rules;

import io.batchkit.core.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.Text;

/**
 * Violations as Hive struct values {@code (column, rule, value)}, reusing one list and one row per
 * position from record to record: a clean record, the common case, allocates nothing. Hive consumes
 * a function's result before it asks for the next.
 */
final class ViolationRows {
  private final List<Object> list = new ArrayList<>();
  private final List<Object[]> rows = new ArrayList<>();
  private final List<Text[]> texts = new ArrayList<>();

  /** The violations as a list of structs (the same list, refilled, on every call). */
  List<Object> list(List<Violation> violations) {
    list.clear();
    for (int i = 0; i < violations.size(); i++) {
      list.add(row(i, violations.get(i)));
    }
    return list;
  }

  /** The i-th violation as a struct (the same array for the same i on every call). */
  Object[] row(int i, Violation v) {
    while (rows.size() <= i) {
      texts.add(new Text[] {new Text(), new Text(), new Text()});
      rows.add(new Object[3]);
    }
    Text[] t = texts.get(i);
    Object[] row = rows.get(i);
    row[0] = set(t[0], v.column());
    row[1] = set(t[1], v.rule().id());
    row[2] = set(t[2], v.value());
    return row;
  }

  private static Text set(Text t, String s) {
    if (s == null) {
      return null;
    }
    t.set(s);
    return t;
  }
}
