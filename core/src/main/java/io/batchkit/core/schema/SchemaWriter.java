package io.batchkit.core.schema;

import io.batchkit.core.types.ColumnType;
import java.util.List;

/**
 * Writes the schema of a dataset that a batchkit job produced ({@code _SCHEMA.yaml} next to its
 * rows): the columns, key and partitioning of the input, the format of the Hive text rows, and no
 * rules, since every row there has already passed them. Later jobs read it when no {@code --schema}
 * is given, so a pipeline names its raw schema once.
 */
public final class SchemaWriter {
  private SchemaWriter() {}

  /** The schema of rows written in Hive text form with these columns. */
  public static String derived(Schema schema, List<Column> columns, String description) {
    StringBuilder y = new StringBuilder(512);
    y.append("# Written by batchkit: the rows in this dataset's data directories.\n");
    y.append("name: ").append(quote(schema.name())).append('\n');
    if (description != null) {
      y.append("description: ").append(quote(description)).append('\n');
    }
    y.append("format: {delimiter: \"\\t\", quote: null, header: false, encoding: UTF-8}\n");
    y.append("nulls: [\"\\\\N\"]\n");
    y.append("columns:\n");
    for (Column c : columns) {
      y.append("  - {name: ").append(quote(c.name()));
      y.append(", type: ").append(quote(c.type().hiveName()));
      if (c.required()) {
        y.append(", required: true");
      }
      if (c.type().kind() == ColumnType.Kind.TIMESTAMP) {
        y.append(", timezone: UTC"); // clean stores timestamps in UTC
      }
      if (c.description() != null) {
        y.append(", description: ").append(quote(c.description()));
      }
      y.append("}\n");
    }
    // The key, if its columns are all written (a job may write fewer columns than it read).
    List<String> names = columns.stream().map(Column::name).toList();
    if (!schema.keys().isEmpty() && names.containsAll(schema.keys())) {
      y.append("keys: [");
      for (int i = 0; i < schema.keys().size(); i++) {
        y.append(i > 0 ? ", " : "").append(quote(schema.keys().get(i)));
      }
      y.append("]\n");
    }
    PartitionSpec p = schema.partition();
    if (p != null) {
      y.append("partition: {name: ").append(quote(p.name()));
      y.append(", from: ").append(quote(p.from()));
      if (p.granularity() != null) {
        y.append(", granularity: ").append(p.granularity().key());
      }
      y.append(", timezone: ").append(quote(p.timezone().getId())).append("}\n");
    }
    return y.toString();
  }

  /** A column with a name, a type and nothing to check. */
  public static Column plainColumn(String name, ColumnType type, String description) {
    return Column.builder(name, type).description(description).build();
  }

  /** A YAML double-quoted scalar. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
