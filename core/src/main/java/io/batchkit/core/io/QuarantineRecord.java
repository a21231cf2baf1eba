package io.batchkit.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.batchkit.core.rules.Violation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * One quarantined record as a JSON line: where it came from, the record as read, and every rule it
 * broke. {@code raw_base64} is added when the bytes were not valid text, so that nothing of the
 * original record is lost.
 */
public final class QuarantineRecord {
  private static final JsonFactory JSON = new JsonFactory();

  private QuarantineRecord() {}

  /**
   * @param line the 1-based line the record starts on, or -1 if unknown
   * @param rawBytes the record's bytes when they are not valid text, else null
   */
  public static String toJson(
      String file,
      long line,
      long offset,
      String raw,
      byte[] rawBytes,
      int rawLength,
      List<Violation> violations) {
    StringWriter w = new StringWriter(raw.length() + 128);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("file", file);
      if (line > 0) {
        g.writeNumberField("line", line);
      }
      g.writeNumberField("offset", offset);
      g.writeStringField("raw", raw);
      if (rawBytes != null) {
        g.writeStringField(
            "raw_base64",
            Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(rawBytes, rawLength)));
      }
      g.writeArrayFieldStart("violations");
      for (Violation v : violations) {
        g.writeStartObject();
        if (v.column() == null) {
          g.writeNullField("column");
        } else {
          g.writeStringField("column", v.column());
        }
        g.writeStringField("rule", v.rule().id());
        g.writeStringField("value", v.value());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }
}
