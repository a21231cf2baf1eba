package io.batchkit.core.schema;

import java.util.List;
import java.util.Set;

/**
 * A dataset's schema: how its files are written, its columns with their rules, its key and its
 * output partitioning. Loaded by {@link SchemaParser}; the single source of truth for every job and
 * function.
 *
 * @param sha256 hex SHA-256 of the schema file's bytes, recorded in every manifest
 * @param source where the schema was read from, for messages
 * @param schemaChanges what a run does with columns the schema lacks ({@code schema_changes})
 */
public record Schema(
    String name,
    String description,
    FormatSpec format,
    Set<String> nulls,
    List<Column> columns,
    List<String> keys,
    PartitionSpec partition,
    String sha256,
    String source,
    SchemaChanges schemaChanges) {

  /** A schema whose runs stop at a column they do not know (the default). */
  public Schema(
      String name,
      String description,
      FormatSpec format,
      Set<String> nulls,
      List<Column> columns,
      List<String> keys,
      PartitionSpec partition,
      String sha256,
      String source) {
    this(
        name,
        description,
        format,
        nulls,
        columns,
        keys,
        partition,
        sha256,
        source,
        SchemaChanges.FAIL);
  }

  /** The same schema with other columns (a later version of it). */
  public Schema withColumns(List<Column> columns) {
    return new Schema(
        name,
        description,
        format,
        nulls,
        List.copyOf(columns),
        keys,
        partition,
        sha256,
        source,
        schemaChanges);
  }

  /**
   * The same schema with another policy ({@code --schema-changes}); any but {@code fail} reads each
   * file's header by name ({@code header: by_name}), since a column is known by its name.
   */
  public Schema withSchemaChanges(SchemaChanges policy) {
    // JSON records name their fields in every record: there is no header to read by name.
    return with(
        policy == SchemaChanges.FAIL || format.json() ? format : format.byName(true), policy);
  }

  /**
   * The same schema reading each record in its columns' order, not by its file's header: for
   * records already put in that order (those infer holds out of a landing read by name).
   */
  public Schema positional() {
    return format.byName() ? with(format.byName(false), schemaChanges) : this;
  }

  private Schema with(FormatSpec f, SchemaChanges policy) {
    return new Schema(
        name, description, f, nulls, columns, keys, partition, sha256, source, policy);
  }

  public int columnIndex(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    return -1;
  }

  /** The columns written as keyed pseudonyms ({@code pseudonymize: true}), by name. */
  public List<String> pseudonymized() {
    return columns.stream().filter(Column::pseudonymize).map(Column::name).toList();
  }

  public Column column(String columnName) {
    int i = columnIndex(columnName);
    return i < 0 ? null : columns.get(i);
  }

  public int[] keyIndexes() {
    return keys.stream().mapToInt(this::columnIndex).toArray();
  }
}
