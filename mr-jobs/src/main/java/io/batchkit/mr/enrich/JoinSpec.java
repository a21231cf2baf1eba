package io.batchkit.mr.enrich;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaWriter;
import io.batchkit.core.split.SplitAssigner;
import io.batchkit.core.types.ColumnType;
import io.batchkit.mr.common.UsageException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a dataset joins its lookup: {@code --on pu_zone=zone_id[,a=b]} and the lookup columns added
 * (renamed with a prefix). Join keys compare by their canonical text, so an int joins a bigint.
 */
public final class JoinSpec {
  private final int[] left;
  private final int[] right;
  private final int[] added;
  private final List<Column> addedColumns;
  private final Object[] keyValues;

  private JoinSpec(int[] left, int[] right, int[] added, List<Column> addedColumns) {
    this.left = left;
    this.right = right;
    this.added = added;
    this.addedColumns = addedColumns;
    this.keyValues = new Object[left.length];
  }

  public static JoinSpec parse(
      String job, String on, List<String> columns, String prefix, Schema data, Schema lookup)
      throws UsageException {
    List<Integer> l = new ArrayList<>();
    List<Integer> r = new ArrayList<>();
    for (String pair : on.split(",")) {
      String[] lr = pair.trim().split("=", 2);
      if (lr.length != 2) {
        throw new UsageException(
            job + ": --on: '" + pair.trim() + "' is not data_column=lookup_column");
      }
      int a = data.columnIndex(lr[0].trim());
      int b = lookup.columnIndex(lr[1].trim());
      if (a < 0 || b < 0) {
        throw new UsageException(
            job
                + ": --on "
                + pair.trim()
                + ": no column '"
                + (a < 0
                    ? lr[0].trim() + "' in " + data.name()
                    : lr[1].trim() + "' in the lookup " + lookup.name()));
      }
      ColumnType ta = data.columns().get(a).type();
      ColumnType tb = lookup.columns().get(b).type();
      if (!joinable(ta, tb)) {
        throw new UsageException(
            job + ": --on " + pair.trim() + ": cannot join " + ta + " with " + tb);
      }
      l.add(a);
      r.add(b);
    }
    List<String> names = columns;
    if (names.isEmpty()) {
      names = new ArrayList<>();
      for (int i = 0; i < lookup.columns().size(); i++) {
        if (!r.contains(i)) {
          names.add(lookup.columns().get(i).name());
        }
      }
    }
    Set<String> taken = new HashSet<>();
    data.columns().forEach(c -> taken.add(c.name()));
    List<Column> addedColumns = new ArrayList<>();
    int[] added = new int[names.size()];
    for (int i = 0; i < added.length; i++) {
      added[i] = lookup.columnIndex(names.get(i));
      if (added[i] < 0) {
        throw new UsageException(
            job + ": --columns: no column '" + names.get(i) + "' in the lookup " + lookup.name());
      }
      String name = prefix + names.get(i);
      if (!taken.add(name)) {
        throw new UsageException(
            job
                + ": the added column "
                + name
                + " is already a column; pass --prefix, e.g. --prefix pu_");
      }
      Column c = lookup.columns().get(added[i]);
      addedColumns.add(SchemaWriter.plainColumn(name, c.type(), "from lookup " + lookup.name()));
    }
    return new JoinSpec(
        l.stream().mapToInt(x -> x).toArray(),
        r.stream().mapToInt(x -> x).toArray(),
        added,
        addedColumns);
  }

  private static boolean joinable(ColumnType a, ColumnType b) {
    boolean intA = a.kind() == ColumnType.Kind.INT || a.kind() == ColumnType.Kind.BIGINT;
    boolean intB = b.kind() == ColumnType.Kind.INT || b.kind() == ColumnType.Kind.BIGINT;
    return (intA && intB) || a.equals(b);
  }

  /** The data row's join key, or null if any part is null (a null never matches). */
  public String dataKey(Object[] row) {
    return key(row, left);
  }

  public String lookupKey(Object[] row) {
    return key(row, right);
  }

  private String key(Object[] row, int[] columns) {
    for (int i = 0; i < columns.length; i++) {
      keyValues[i] = row[columns[i]];
      if (keyValues[i] == null) {
        return null;
      }
    }
    return SplitAssigner.key(keyValues);
  }

  /** The lookup columns a match adds, taken from a lookup row. */
  public Object[] added(Object[] lookupRow) {
    Object[] out = new Object[added.length];
    for (int i = 0; i < added.length; i++) {
      out[i] = lookupRow[added[i]];
    }
    return out;
  }

  public int width() {
    return added.length;
  }

  public List<Column> addedColumns() {
    return addedColumns;
  }
}
