package io.batchkit.core.schema;

/**
 * A schema file that cannot be used. The message is one line, {@code file:line:column: key:
 * problem}, so that it can be printed as the only thing a user sees before a job starts.
 */
public final class SchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaException(String message) {
    super(message);
  }

  static SchemaException at(String source, int line, int column, String key, String problem) {
    StringBuilder sb = new StringBuilder("schema ").append(source);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ");
    if (key != null && !key.isEmpty()) {
      sb.append(key).append(": ");
    }
    return new SchemaException(sb.append(problem).toString());
  }
}
