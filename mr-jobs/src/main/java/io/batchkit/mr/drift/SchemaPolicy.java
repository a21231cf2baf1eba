package io.batchkit.mr.drift;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaChanges;
import io.batchkit.mr.common.UsageException;

/** {@code --schema-changes}: the schema's {@code schema_changes} policy, overridden for one run. */
public final class SchemaPolicy {
  public static final String OPTION = "schema-changes";
  public static final String USAGE =
      String.join(
          "\n",
          "  --schema-changes P  fail, add_columns or ignore: what a file column the schema lacks",
          "                      does (default: the schema's schema_changes, else fail); but fail",
          "                      reads each file's header by name, as header: by_name (JSON",
          "                      records: add_columns adds the fields no column reads)");

  private SchemaPolicy() {}

  /** The schema with the policy this run follows; null {@code option}: the schema's own. */
  public static Schema resolve(String job, Schema schema, String option) throws UsageException {
    if (option == null) {
      return schema;
    }
    SchemaChanges policy = SchemaChanges.of(option);
    if (policy == null) {
      throw new UsageException(
          job + ": --" + OPTION + " must be fail, add_columns or ignore, not '" + option + "'");
    }
    if (policy != SchemaChanges.FAIL && !schema.format().header() && !schema.format().json()) {
      throw new UsageException(
          job
              + ": --"
              + OPTION
              + " "
              + option
              + " knows a file's columns by their header's names: schema "
              + schema.name()
              + " says its files have no header");
    }
    return schema.withSchemaChanges(policy);
  }
}
