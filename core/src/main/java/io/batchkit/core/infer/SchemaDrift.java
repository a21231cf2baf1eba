package io.batchkit.core.infer;

import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.ColumnType.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between a dataset's schema and what {@code infer} proposes for today's files, as a
 * crawler's re-run reports it: columns new, missing or moved, types that must widen to hold the
 * values, values outside the bounds or the allowed set, another date format or delimiter. A
 * narrower type seen (int values in a bigint column) is no change: the schema reads them.
 */
public final class SchemaDrift {
  /** One change: its kind, the column (or null), and a line saying it. */
  public record Change(String kind, String column, String line) {}

  private SchemaDrift() {}

  public static List<Change> between(Schema schema, Schema seen) {
    List<Change> changes = new ArrayList<>();
    if (seen.format().byName() && !schema.format().byName()) {
      changes.add(
          new Change(
              "header",
              null,
              "the files' headers differ from one file to the next: header: by_name reads each"
                  + " file by its own"));
    }
    if (schema.format().delimiter() != seen.format().delimiter() && !seen.format().json()) {
      changes.add(
          new Change(
              "delimiter",
              null,
              "another delimiter: '"
                  + schema.format().delimiter()
                  + "' in the schema, '"
                  + seen.format().delimiter()
                  + "' in the files"));
    }
    Map<String, Column> known = byName(schema);
    Map<String, Column> found = byName(seen);
    List<String> common = new ArrayList<>();
    for (Map.Entry<String, Column> e : found.entrySet()) {
      Column c = e.getValue();
      if (!known.containsKey(e.getKey())) {
        changes.add(
            new Change(
                "new column",
                c.name(),
                "new column `"
                    + c.name()
                    + "` ("
                    + c.type().hiveName()
                    + ") at position "
                    + (seen.columns().indexOf(c) + 1)));
      } else {
        common.add(e.getKey());
      }
    }
    for (Map.Entry<String, Column> e : known.entrySet()) {
      if (!found.containsKey(e.getKey())) {
        changes.add(
            new Change(
                "missing column",
                e.getValue().name(),
                "missing column `" + e.getValue().name() + "`: no file has it"));
      }
    }
    List<String> schemaOrder = new ArrayList<>(known.keySet());
    schemaOrder.retainAll(common);
    if (!schemaOrder.equals(common)) {
      changes.add(
          new Change(
              "order",
              null,
              "columns in another order: "
                  + String.join(", ", common)
                  + " (the schema: "
                  + String.join(", ", schemaOrder)
                  + ")"));
    }
    for (String name : common) {
      compare(known.get(name), found.get(name), changes);
    }
    return changes;
  }

  private static void compare(Column was, Column now, List<Change> changes) {
    String n = "`" + was.name() + "`";
    if (!reads(was, now)) {
      changes.add(
          new Change(
              "widened",
              was.name(),
              "widened: " + n + " " + was.type().hiveName() + " -> " + now.type().hiveName()));
      return; // bounds and formats of another type say nothing more
    }
    Kind k = was.type().kind();
    if ((k == Kind.DATE || k == Kind.TIMESTAMP)
        && now.type().kind() == k
        && !now.formats().isEmpty()
        && !was.formats().containsAll(now.formats())) {
      changes.add(
          new Change(
              "format",
              was.name(),
              "another format: "
                  + n
                  + " "
                  + (was.formats().isEmpty() ? "ISO" : was.formats())
                  + " -> "
                  + now.formats()));
    }
    if (was.type().kind() == now.type().kind()) {
      if (was.min() != null && now.min() != null && now.min().compareTo(was.min()) < 0) {
        changes.add(
            new Change(
                "bounds",
                was.name(),
                "below min: " + n + " min " + was.min() + ", seen " + now.min()));
      }
      if (was.max() != null && now.max() != null && now.max().compareTo(was.max()) > 0) {
        changes.add(
            new Change(
                "bounds",
                was.name(),
                "above max: " + n + " max " + was.max() + ", seen " + now.max()));
      }
    }
    if (was.allowed() != null && now.allowed() != null) {
      Set<String> outside = new TreeSet<>();
      for (Object v : now.allowed()) {
        if (!was.allowed().contains(v)) {
          outside.add(String.valueOf(v));
        }
      }
      if (!outside.isEmpty()) {
        changes.add(
            new Change(
                "allowed",
                was.name(),
                "outside allowed: "
                    + n
                    + " "
                    + outside
                    + " (allowed: "
                    + new TreeSet<>(was.allowed().stream().map(String::valueOf).toList())
                    + ")"));
      }
    }
  }

  /**
   * Whether a column of type {@code was} reads the values infer typed {@code now}. infer proposes
   * decimals with two integer digits more than it saw, so those two are not counted against the
   * schema; integers in a decimal column fit when their bounds have no more digits than it holds.
   */
  static boolean reads(Column was, Column now) {
    ColumnType a = was.type();
    ColumnType b = now.type();
    int digits = a.precision() - a.scale();
    return switch (a.kind()) {
      case STRING -> true;
      case INT -> b.kind() == Kind.INT;
      case BIGINT -> b.kind() == Kind.INT || b.kind() == Kind.BIGINT;
      case DECIMAL ->
          switch (b.kind()) {
            case DECIMAL -> b.scale() <= a.scale() && b.precision() - b.scale() - 2 <= digits;
            case INT, BIGINT -> fitsDigits(now, digits);
            default -> false;
          };
      case DOUBLE ->
          b.kind() == Kind.INT
              || b.kind() == Kind.BIGINT
              || b.kind() == Kind.DECIMAL
              || b.kind() == Kind.DOUBLE;
      case TIMESTAMP -> b.kind() == Kind.DATE || b.kind() == Kind.TIMESTAMP;
      default -> a.kind() == b.kind();
    };
  }

  /**
   * Whether the integers seen (their bounds, when infer gave them) have at most this many digits.
   */
  private static boolean fitsDigits(Column now, int digits) {
    for (Object bound : new Object[] {now.min(), now.max()}) {
      if (bound instanceof Number n && Math.abs(n.longValue()) >= Math.pow(10, digits)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Column> byName(Schema s) {
    Map<String, Column> m = new LinkedHashMap<>();
    for (Column c : s.columns()) {
      m.put(ColumnNames.fold(c.name()), c);
    }
    return m;
  }
}
