package io.batchkit.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.core.io.JsonRecordSplitter;
import io.batchkit.core.schema.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON records through the front end: outcome, the line each starts on, rules broken. */
class JsonRecordsTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: events",
          "format: {type: json}",
          "columns:",
          "  - {name: id, type: int, required: true}",
          "  - {name: user_city, type: string, path: user.city}",
          "  - {name: d, type: date}",
          "");

  static Schema schema(String yaml) {
    return RecordsTest.schema(yaml);
  }

  /** Each record of a file as "outcome line [rule column...]" (lines: hand-counted). */
  static List<String> read(Records records, String file) throws IOException {
    return RecordsTest.read(
        records,
        new JsonRecordSplitter(
            new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), Integer.MAX_VALUE),
        null);
  }

  @Test
  void backToBackAndOverSeveralLines() throws IOException {
    RawRecords r = Records.raw(schema(SCHEMA), null);
    String file =
        "\n{\"id\":1,\"user\":{\"city\":\"Oslo\"},\"d\":\"2024-01-31\"}{\"id\":2}\n"
            + "{\"id\":\"3\"}{\n  \"id\": 4,\n  \"d\": \"2024-13-01\"\n}\n"
            + "{\"user\":{\"city\":5}}{\"id\":6,}\nnot json\n{\"id\":7,\"d\":\"x\n{\"id\":8}";
    assertEquals(
        List.of(
            "BLANK 1",
            "VALID 2",
            "VALID 2",
            "INVALID 3 type id",
            "INVALID 3 type d",
            "INVALID 7 required id",
            "INVALID 7 malformed null",
            "INVALID 8 malformed null",
            "INVALID 9 malformed null",
            "VALID 10"),
        read(r, file));
    assertEquals(9, r.lines());
  }

  /** In a pretty-printed array, each element is on its own line, the first one too. */
  @Test
  void elementsOfAPrettyArrayAreOnTheirOwnLines() throws IOException {
    RawRecords r = Records.raw(schema(SCHEMA), null);
    String file =
        "[\n\n  {\"id\": \"a\"},\n  {\n    \"id\": 2\n  },\r\n  {\"id\": 3, \"d\": \"x\"}\n]\n";
    assertEquals(List.of("INVALID 3 type id", "VALID 4", "INVALID 7 type d"), read(r, file));
    assertEquals(8, r.lines());
  }

  /** A quarantined record's text is the object without the blanks around it, ASCII or not. */
  @Test
  void theTextOfAQuarantinedRecordEndsAtItsLastCharacter() {
    RawRecords r = Records.raw(schema(SCHEMA), null);
    for (String[] c :
        new String[][] {
          {"{\"id\":\"x\"}\t \n", "{\"id\":\"x\"}"},
          {"\n\n{\"id\":\"x\"}\n", "{\"id\":\"x\"}"},
          {"{\"id\":\"\u00e9\"} \n", "{\"id\":\"\u00e9\"}"},
          {"oops\u001f\u000b\f", "oops"},
          {"{\"id\":1,}\r\n", "{\"id\":1,}"}
        }) {
      byte[] b = c[0].getBytes(StandardCharsets.UTF_8);
      assertEquals(Outcome.INVALID, r.read(0, b, b.length), c[0]);
      assertEquals(c[1], r.text(), c[0]);
    }
  }

  @Test
  void valuesAreTypedAndNumbersKeptAsStrings() throws IOException {
    RawRecords r = Records.raw(schema(SCHEMA), null);
    byte[] b =
        "{\"id\":7,\"user\":{\"city\":12.50},\"d\":\"2024-01-31\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(Outcome.VALID, r.read(0, b, b.length));
    assertEquals(7, r.values()[0]);
    assertEquals("12.50", r.values()[1]);
    assertEquals(java.time.LocalDate.of(2024, 1, 31), r.values()[2]);
  }

  @Test
  void jsonLinesCountOneLinePerRecord() {
    RawRecords r =
        Records.raw(schema(SCHEMA.replace("{type: json}", "{type: json, lines: true}")), null);
    for (String line : List.of("{\"id\":1}", "", "  ", "{\"id\":2}{\"id\":3}")) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      r.read(0, b, b.length);
    }
    assertEquals(4, r.line());
    assertEquals("malformed", r.violations().get(0).rule().id());
  }
}
