package io.batchkit.mr.common;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code --columns a,b,c} (keep these, in this order) or {@code --drop x,y} (keep the rest): the
 * columns a job writes. Checked once, in the driver; the tasks get the kept columns' indexes.
 */
public final class ColumnSelection {
  private final int[] kept;

  private ColumnSelection(int[] kept) {
    this.kept = kept;
  }

  /** The selection the options ask for, or null when they ask for none (every column). */
  public static ColumnSelection parse(String job, Schema schema, String keep, String drop)
      throws UsageException {
    if (keep == null && drop == null) {
      return null;
    }
    if (keep != null && drop != null) {
      throw new UsageException(job + ": give --columns or --drop, not both");
    }
    List<String> named = names(keep != null ? keep : drop);
    for (String n : named) {
      if (schema.columnIndex(n) < 0) {
        throw new UsageException(
            job
                + ": --"
                + (keep != null ? "columns" : "drop")
                + ": no column '"
                + n
                + "' in "
                + schema.name()
                + " (columns: "
                + schema.columns().stream().map(Column::name).collect(Collectors.joining(", "))
                + ")");
      }
    }
    List<Integer> out = new ArrayList<>();
    if (keep != null) {
      named.forEach(n -> out.add(schema.columnIndex(n)));
    } else {
      for (int i = 0; i < schema.columns().size(); i++) {
        if (!named.contains(schema.columns().get(i).name())) {
          out.add(i);
        }
      }
    }
    if (out.isEmpty()) {
      throw new UsageException(job + ": --drop leaves no column");
    }
    if (schema.partition() != null
        && !out.contains(schema.columnIndex(schema.partition().from()))) {
      throw new UsageException(
          job
              + ": the partition "
              + schema.partition().name()
              + " is derived from "
              + schema.partition().from()
              + ": keep that column");
    }
    return new ColumnSelection(out.stream().mapToInt(Integer::intValue).toArray());
  }

  private static List<String> names(String list) throws UsageException {
    Set<String> out = new LinkedHashSet<>();
    for (String n : list.split(",")) {
      String t = n.trim();
      if (!t.isEmpty() && !out.add(t)) {
        throw new UsageException("column '" + t + "' is named twice");
      }
    }
    return new ArrayList<>(out);
  }

  /** Hands the selection to the tasks. */
  public void store(Configuration conf, String key) {
    conf.set(key, Arrays.stream(kept).mapToObj(Integer::toString).collect(Collectors.joining(",")));
  }

  /** The kept columns' indexes stored by {@link #store}, or null for every column. */
  public static int[] load(Configuration conf, String key) {
    String v = conf.get(key);
    return v == null ? null : Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** The kept columns, in output order. */
  public List<Column> columns(Schema schema) {
    return Arrays.stream(kept).mapToObj(i -> schema.columns().get(i)).toList();
  }

  /** The kept values of a row, into {@code out} (reused). */
  public static Object[] project(int[] kept, Object[] row, Object[] out) {
    for (int i = 0; i < kept.length; i++) {
      out[i] = row[kept[i]];
    }
    return out;
  }
}
