package io.batchkit.mr.catalog;

import io.batchkit.core.schema.HiveTable;
import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.ColumnType.Kind;
import org.apache.hadoop.fs.Path;

/**
 * Whether an existing table can hold a dataset: the same columns with the same types in the same
 * order, the same partition column, location and storage. Comments may differ.
 */
public final class TableComparison {
  private TableComparison() {}

  /**
   * The first difference as one line naming the table, what differs and both sides; or null. With
   * {@code location} false a table elsewhere may hold it (it will be moved there).
   */
  public static String difference(
      TableName name, HiveTable table, HiveTable dataset, boolean location) {
    String t = "table " + name;
    if (table.storage() != dataset.storage()) {
      return t + " is stored as " + storage(table) + ", the dataset as " + storage(dataset);
    }
    if (!table.partitions().equals(dataset.partitions())) {
      return t
          + " is "
          + partitioning(table.partitions())
          + ", the dataset "
          + partitioning(dataset.partitions());
    }
    if (location && !new Path(table.location()).equals(new Path(dataset.location()))) {
      return t + " is at " + table.location() + ", the dataset at " + dataset.location();
    }
    int n = Math.max(table.columns().size(), dataset.columns().size());
    for (int i = 0; i < n; i++) {
      HiveTable.Field a = i < table.columns().size() ? table.columns().get(i) : null;
      HiveTable.Field b = i < dataset.columns().size() ? dataset.columns().get(i) : null;
      if (a == null) {
        return t
            + " has no column "
            + (i + 1)
            + " (the dataset's `"
            + b.name()
            + "` "
            + b.type()
            + ")";
      }
      if (b == null) {
        return t
            + " has a column "
            + (i + 1)
            + " `"
            + a.name()
            + "` "
            + a.type()
            + " that the dataset has not";
      }
      if (!a.name().equalsIgnoreCase(b.name())) {
        return t
            + " column "
            + (i + 1)
            + " is `"
            + a.name()
            + "` "
            + a.type()
            + ", the dataset's `"
            + b.name()
            + "` "
            + b.type();
      }
      if (!a.type().equalsIgnoreCase(b.type())) {
        return t + " column `" + a.name() + "` is " + a.type() + ", the dataset's " + b.type();
      }
    }
    return null;
  }

  /**
   * Whether the dataset's columns are a later version of the table's ({@code schema_changes:
   * add_columns}): the table's columns first, by name, each of the same type or widened along int,
   * bigint, decimal, double; then columns added; the rest as {@link #difference} wants it.
   */
  public static boolean evolves(HiveTable table, HiveTable dataset, boolean location) {
    int n = table.columns().size();
    if (dataset.columns().size() < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      HiveTable.Field a = table.columns().get(i);
      HiveTable.Field b = dataset.columns().get(i);
      if (!a.name().equalsIgnoreCase(b.name()) || !widens(a.type(), b.type())) {
        return false;
      }
    }
    HiveTable same =
        new HiveTable(table.columns(), dataset.partitions(), dataset.location(), dataset.storage());
    return difference(new TableName("x", "x"), table, same, location) == null;
  }

  /** Whether a column of type {@code from} may become {@code to} (the same, or wider). */
  static boolean widens(String from, String to) {
    if (from.equalsIgnoreCase(to)) {
      return true;
    }
    ColumnType a;
    ColumnType b;
    try {
      a = ColumnType.parse(from);
      b = ColumnType.parse(to);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int digits = a.precision() - a.scale();
    return switch (a.kind()) {
      case INT -> b.kind() == Kind.BIGINT || wide(b, 10, 0);
      case BIGINT -> wide(b, 19, 0);
      case DECIMAL -> wide(b, digits, a.scale());
      default -> false;
    };
  }

  /** A double, or a decimal with at least these integer digits and this scale. */
  private static boolean wide(ColumnType t, int digits, int scale) {
    return t.kind() == Kind.DOUBLE
        || t.kind() == Kind.DECIMAL && t.precision() - t.scale() >= digits && t.scale() >= scale;
  }

  private static String storage(HiveTable t) {
    return t.storage() == null ? "something batchkit does not write" : t.storage().name();
  }

  private static String partitioning(java.util.List<String> columns) {
    return columns.isEmpty()
        ? "not partitioned"
        : "partitioned by `" + String.join("`, `", columns) + "`";
  }
}
