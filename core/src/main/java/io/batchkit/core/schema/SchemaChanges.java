package io.batchkit.core.schema;

import java.util.Locale;

/**
 * {@code schema_changes}: what a run does with a file column its schema lacks, or with values that
 * no longer fit a numeric column's type. Any but {@code fail} reads each file's header by name
 * ({@code header: by_name}): a column is known by its name.
 */
public enum SchemaChanges {
  /** Stop the run before any task (exit 2), naming the file and the column: today's behaviour. */
  FAIL,
  /**
   * New columns join the schema, nullable, at its end, typed as {@code infer} types them; a column
   * whose values all fit a wider type (int, bigint, decimal, double) is widened. Never a drop, a
   * rename or a narrowing.
   */
  ADD_COLUMNS,
  /** File columns the schema lacks are not read; counted per file in the manifest. */
  IGNORE;

  /** As written in a schema and on the command line. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The policy written so, or null. */
  public static SchemaChanges of(String key) {
    for (SchemaChanges c : values()) {
      if (c.key().equals(key)) {
        return c;
      }
    }
    return null;
  }
}
