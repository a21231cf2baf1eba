package io.batchkit.core.schema;

import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.ParseFailure;
import io.batchkit.core.types.ValueParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step from a schema version to the next ({@code schema_changes: add_columns}): a column added
 * at the end, nullable, or a numeric column widened along int, bigint, decimal, double. Rows
 * already written are never rewritten: old text files read NULL in an added column, and a wider
 * type reads every value of a narrower one.
 *
 * @param type the added column's type, or the widened column's new one (Hive's name)
 * @param formats the added column's date or timestamp patterns (empty: ISO or none)
 * @param from the widened column's old type; null for an added column
 * @param evidence what in the run called for it, for the version's record
 * @param path where an added column's value is in a JSON record; null: a CSV column, or the field
 *     of its name
 * @param json whether an added JSON column keeps an object or array as its JSON text
 */
public record SchemaChange(
    Kind kind,
    String column,
    String type,
    List<String> formats,
    String from,
    String evidence,
    String path,
    boolean json) {

  /** A change to a CSV column (or a JSON one read from the field of its name). */
  public SchemaChange(
      Kind kind, String column, String type, List<String> formats, String from, String evidence) {
    this(kind, column, type, formats, from, evidence, null, false);
  }

  /** What changed. */
  public enum Kind {
    ADDED,
    WIDENED
  }

  /**
   * The change as one line: {@code added `tip` decimal(6,2)} or {@code widened `n` int -> bigint}.
   */
  public String line() {
    return kind == Kind.ADDED
        ? "added `"
            + column
            + "` "
            + type
            + (formats.isEmpty() ? "" : " " + formats)
            + (path == null ? "" : " at " + path)
            + (json ? " (JSON text)" : "")
            + (evidence == null ? "" : " (" + evidence + ")")
        : "widened `"
            + column
            + "` "
            + from
            + " -> "
            + type
            + (evidence == null ? "" : " (" + evidence + ")");
  }

  /** The change as a JSON-ready map, as schema versions and job configurations keep it. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    m.put("column", column);
    m.put("type", type);
    if (!formats.isEmpty()) {
      m.put("formats", formats);
    }
    if (path != null) {
      m.put("path", path);
    }
    if (json) {
      m.put("json", true);
    }
    if (from != null) {
      m.put("from", from);
    }
    if (evidence != null) {
      m.put("evidence", evidence);
    }
    return m;
  }

  /** A change from its {@link #toMap} form. */
  @SuppressWarnings("unchecked")
  public static SchemaChange fromMap(Map<String, Object> m) {
    Object formats = m.get("formats");
    return new SchemaChange(
        Kind.valueOf(String.valueOf(m.get("kind")).toUpperCase(java.util.Locale.ROOT)),
        (String) m.get("column"),
        (String) m.get("type"),
        formats == null ? List.of() : List.copyOf((List<String>) formats),
        (String) m.get("from"),
        (String) m.get("evidence"),
        (String) m.get("path"),
        Boolean.TRUE.equals(m.get("json")));
  }

  /** The schema after these changes, in order. */
  public static Schema apply(Schema schema, List<SchemaChange> changes) {
    List<Column> columns = new ArrayList<>(schema.columns());
    for (SchemaChange c : changes) {
      int i = schema.withColumns(columns).columnIndex(c.column);
      ColumnType type = ColumnType.parse(c.type);
      if (c.kind == Kind.ADDED) {
        if (i < 0) {
          columns.add(
              Column.builder(c.column, type)
                  .formats(List.copyOf(c.formats))
                  .path(c.path == null ? null : JsonPath.parse(c.path))
                  .json(c.json)
                  .description(
                      "added by schema_changes: add_columns"
                          + (c.evidence == null ? "" : " (" + c.evidence + ")"))
                  .build());
        }
      } else if (i >= 0 && wider(type, columns.get(i).type())) {
        columns.set(i, widened(columns.get(i), type));
      }
    }
    return schema.withColumns(columns);
  }

  /**
   * Whether {@code a} holds more than {@code b} along int, bigint, decimal, double: a recorded
   * widening never narrows a column the schema file itself has widened since.
   */
  public static boolean wider(ColumnType a, ColumnType b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra < 0 || rb < 0) {
      return false;
    }
    if (ra == rb && a.kind() == ColumnType.Kind.DECIMAL) {
      return a.scale() >= b.scale()
          && a.precision() - a.scale() >= b.precision() - b.scale()
          && !a.equals(b);
    }
    return ra > rb;
  }

  private static int rank(ColumnType t) {
    return switch (t.kind()) {
      case INT -> 0;
      case BIGINT -> 1;
      case DECIMAL -> 2;
      case DOUBLE -> 3;
      default -> -1;
    };
  }

  /** The column with a wider numeric type, its bounds and allowed values read as that type. */
  static Column widened(Column c, ColumnType type) {
    ValueParser parser = ValueParser.forType(type, List.of(), null);
    Set<Object> allowed = null;
    if (c.allowed() != null) {
      allowed = new LinkedHashSet<>();
      for (Object a : c.allowed()) {
        allowed.add(convert(a, parser));
      }
    }
    @SuppressWarnings("unchecked")
    Comparable<Object> min = (Comparable<Object>) convert(c.min(), parser);
    @SuppressWarnings("unchecked")
    Comparable<Object> max = (Comparable<Object>) convert(c.max(), parser);
    return new Column(
        c.name(),
        type,
        c.required(),
        allowed == null ? null : java.util.Collections.unmodifiableSet(allowed),
        min,
        max,
        c.minLength(),
        c.maxLength(),
        c.pattern(),
        c.formats(),
        c.timezone(),
        c.normalize(),
        c.description(),
        c.line(),
        c.pseudonymize(),
        c.path(),
        c.json());
  }

  private static Object convert(Object value, ValueParser parser) {
    if (value == null) {
      return null;
    }
    String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    Object v = parser.parse(text);
    if (v instanceof ParseFailure) {
      throw new IllegalArgumentException("cannot widen the constant " + text);
    }
    return v;
  }
}
