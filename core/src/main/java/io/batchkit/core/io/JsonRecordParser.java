package io.batchkit.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.batchkit.core.schema.Column;
import io.batchkit.core.types.ColumnType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the columns of one JSON object, each at its path ({@link Column#jsonPath()}), with
 * Jackson's streaming parser: one pass over the tokens, fields no column asks for skipped, numbers
 * kept as written (never through a double). A value of the JSON kind its column's type cannot hold
 * (a string for an int, an object for a plain string) is a mismatch, reported as a {@code type}
 * violation like a CSV field that does not parse; a string column takes numbers and booleans as
 * their text, as Hive's and Spark's JSON readers do. A record that is not one well-formed object
 * (including a field given twice) is malformed.
 */
public final class JsonRecordParser {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final JsonPathTree root;
  private final ColumnType.Kind[] kinds;
  private final boolean[] keepJson;
  private final boolean[] epochNumbers; // a date or timestamp column that takes epoch numbers
  private final String[] fields;
  private final String[] mismatches;
  private final boolean[] quoted;
  private final StringWriter captured = new StringWriter();
  private String record;

  public JsonRecordParser(List<Column> columns) {
    this.root = JsonPathTree.of(columns);
    this.kinds = columns.stream().map(c -> c.type().kind()).toArray(ColumnType.Kind[]::new);
    this.epochNumbers = new boolean[columns.size()];
    for (int i = 0; i < epochNumbers.length; i++) {
      epochNumbers[i] =
          columns.get(i).formats().stream()
              .anyMatch(io.batchkit.core.types.TemporalFormats::isEpoch);
    }
    this.keepJson = new boolean[columns.size()];
    for (int i = 0; i < keepJson.length; i++) {
      keepJson[i] = columns.get(i).json();
    }
    this.fields = new String[columns.size()];
    this.mismatches = new String[columns.size()];
    this.quoted = new boolean[columns.size()];
  }

  /**
   * Reads one record: afterwards {@link #fields()} and {@link #mismatches()} describe it.
   *
   * @throws MalformedRecordException when the text is not one well-formed JSON object
   */
  public void parse(String record) throws MalformedRecordException {
    Arrays.fill(fields, null);
    Arrays.fill(mismatches, null);
    Arrays.fill(quoted, false);
    this.record = record;
    try (JsonParser p = FACTORY.createParser(record)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new MalformedRecordException(
            "not a JSON object: the record starts with "
                + (t == null ? "nothing" : describe(p, t))
                + " at character 0; batchkit reads JSON objects, one per line or back to back");
      }
      value(p, t, root);
      if ((t = p.nextToken()) != null) {
        throw new MalformedRecordException(
            "more than one JSON value: "
                + describe(p, t)
                + " after the object's end at character "
                + p.currentTokenLocation().getCharOffset());
      }
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int eol = message.indexOf('\n');
      throw new MalformedRecordException(
          (eol < 0 ? message : message.substring(0, eol))
              + " at character "
              + (e.getLocation() == null ? -1 : e.getLocation().getCharOffset()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // parsing a String reads nothing
    }
  }

  /** Each column's value as text, null where the record has null or no such field. */
  public String[] fields() {
    return fields;
  }

  /**
   * Per column, the value found (as JSON) when it was of a kind the column cannot hold, else null.
   */
  public String[] mismatches() {
    return mismatches;
  }

  /** Per column, whether its value was a JSON string (not a number or boolean) */
  public boolean[] quoted() {
    return quoted;
  }

  /** Reads the value at the current token {@code t} for the columns at and under {@code node}. */
  private void value(JsonParser p, JsonToken t, JsonPathTree node) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    boolean structure = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
    if (!structure) {
      for (int c : node.columns()) {
        scalar(p, t, c);
      }
      for (int c : node.inside()) {
        mismatches[c] = found(p, t); // a scalar where the path goes on into an object or array
      }
      return;
    }
    String kept = null;
    for (int c : node.columns()) {
      if (keepJson[c]) {
        kept = kept != null ? kept : copy(p);
        fields[c] = kept;
      } else {
        mismatches[c] = t == JsonToken.START_OBJECT ? "{...}" : "[...]";
      }
    }
    if (kept != null) {
      return; // copied to its end; the schema lets no column lie inside a value kept whole
    }
    if (node.isLeaf()) {
      p.skipChildren();
    } else if (t == JsonToken.START_OBJECT) {
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        JsonPathTree child = node.field(p.currentName());
        t = p.nextToken();
        if (child == null) {
          p.skipChildren();
        } else {
          value(p, t, child);
        }
      }
    } else {
      for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
        JsonPathTree child = node.element(i);
        if (child == null) {
          p.skipChildren();
        } else {
          value(p, t, child);
        }
      }
    }
  }

  private void scalar(JsonParser p, JsonToken t, int c) throws IOException {
    boolean fits =
        switch (kinds[c]) {
          case STRING -> true;
          case INT, BIGINT, DOUBLE, DECIMAL ->
              t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
          case BOOLEAN -> t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE;
          case DATE, TIMESTAMP ->
              t == JsonToken.VALUE_STRING
                  || epochNumbers[c]
                      && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT);
        };
    if (fits) {
      fields[c] = p.getText();
      quoted[c] = t == JsonToken.VALUE_STRING;
    } else {
      mismatches[c] = found(p, t);
    }
  }

  /** A scalar as it was found: a string in quotes, so that "12" is told from 12. */
  private static String found(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_STRING ? '"' + p.getText() + '"' : p.getText();
  }

  /**
   * The current object or array as compact JSON text, numbers as written. Most are written compact
   * already, with nothing escaped: then they are their own text; the rest are written anew.
   */
  private String copy(JsonParser p) throws IOException {
    int start = (int) p.currentTokenLocation().getCharOffset();
    p.skipChildren(); // still checks it is well-formed, without duplicate fields
    int end = (int) p.currentTokenLocation().getCharOffset() + 1;
    if (isCompactWithoutEscapes(record, start, end)) {
      return record.substring(start, end);
    }
    try (JsonParser again = FACTORY.createParser(record.substring(start, end))) {
      return generate(again, again.nextToken());
    }
  }

  /** Whether there is no blank outside strings and no backslash (escape) anywhere. */
  private static boolean isCompactWithoutEscapes(String text, int start, int end) {
    boolean inString = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        inString = !inString;
      } else if (c == '\\' || !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
        return false;
      }
    }
    return true;
  }

  /** Writes the value starting at token {@code t} through Jackson's generator. */
  private String generate(JsonParser p, JsonToken t) throws IOException {
    captured.getBuffer().setLength(0);
    try (JsonGenerator g = FACTORY.createGenerator(captured)) {
      int depth = 0;
      do {
        switch (t) {
          case START_OBJECT -> {
            g.writeStartObject();
            depth++;
          }
          case START_ARRAY -> {
            g.writeStartArray();
            depth++;
          }
          case END_OBJECT -> {
            g.writeEndObject();
            depth--;
          }
          case END_ARRAY -> {
            g.writeEndArray();
            depth--;
          }
          case FIELD_NAME -> g.writeFieldName(p.currentName());
          case VALUE_STRING -> g.writeString(p.getText());
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
          case VALUE_TRUE, VALUE_FALSE -> g.writeBoolean(t == JsonToken.VALUE_TRUE);
          default -> g.writeNull();
        }
      } while (depth > 0 && (t = p.nextToken()) != null);
    }
    return captured.toString();
  }

  private static String describe(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case START_OBJECT -> "an object";
      default -> p.getText();
    };
  }
}
