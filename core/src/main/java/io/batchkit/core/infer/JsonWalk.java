package io.batchkit.core.infer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.batchkit.core.schema.JsonPath;
import java.io.IOException;

/**
 * Every path to a value in one JSON object, as a crawler sees them ({@code user.address.city}, a
 * name holding a dot in backticks: {@link JsonPath#quote}): what {@code infer} proposes columns
 * from and what {@code schema_changes: add_columns} looks for new fields in. Arrays are not walked
 * into: a crawler keeps them whole.
 */
public final class JsonWalk {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** What a walk finds, path by path, in the order the object writes them. */
  public interface Visitor {
    /** An object at {@code path}; its fields are walked only when this returns true. */
    boolean object(String path);

    /** An array at {@code path}, with its JSON text as written. */
    void array(String path, String text);

    /**
     * A scalar at {@code path}: its text (a string's without the quotes), null for JSON null.
     *
     * @param quoted whether it was a JSON string
     */
    void value(String path, String text, boolean quoted);
  }

  private JsonWalk() {}

  /**
   * Walks {@code record} when it is a JSON object (anything else is ignored).
   *
   * @throws IOException when it is not well-formed JSON
   */
  public static void walk(String record, Visitor visitor) throws IOException {
    try (JsonParser p = FACTORY.createParser(record)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        fields(p, record, "", visitor);
      }
    }
  }

  private static void fields(JsonParser p, String record, String prefix, Visitor visitor)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String path = prefix + JsonPath.quote(p.currentName());
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        if (visitor.object(path)) {
          fields(p, record, path + ".", visitor);
        } else {
          p.skipChildren();
        }
      } else if (t == JsonToken.START_ARRAY) {
        int start = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getCharOffset();
        visitor.array(path, record.substring(start, end));
      } else {
        visitor.value(
            path, t == JsonToken.VALUE_NULL ? null : p.getText(), t == JsonToken.VALUE_STRING);
      }
    }
  }
}
