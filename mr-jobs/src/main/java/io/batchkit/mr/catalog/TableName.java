package io.batchkit.mr.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/** A table as {@code DB.NAME}; Hive folds both to lower case. */
public record TableName(String database, String table) {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_]+");

  /**
   * {@code DB.NAME}, or {@code NAME} in database {@code default}.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static TableName parse(String text) {
    String[] parts = text.strip().split("\\.", -1);
    if (parts.length > 2
        || !PART.matcher(parts[0]).matches()
        || (parts.length == 2 && !PART.matcher(parts[1]).matches())) {
      throw new IllegalArgumentException(
          "'" + text + "' is not DB.NAME (letters, digits and _ in each part)");
    }
    return parts.length == 1
        ? new TableName("default", parts[0].toLowerCase(Locale.ROOT))
        : new TableName(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return database + "." + table;
  }
}
