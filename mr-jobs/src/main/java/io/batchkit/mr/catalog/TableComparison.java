package io.batchkit.mr.catalog;

import io.batchkit.core.schema.HiveTable;
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

  private static String storage(HiveTable t) {
    return t.storage() == null ? "something batchkit does not write" : t.storage().name();
  }

  private static String partitioning(java.util.List<String> columns) {
    return columns.isEmpty()
        ? "not partitioned"
        : "partitioned by `" + String.join("`, `", columns) + "`";
  }
}
