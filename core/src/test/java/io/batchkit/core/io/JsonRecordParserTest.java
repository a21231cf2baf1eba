package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.JsonPath;
import io.batchkit.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonRecordParserTest {
  private static final List<Column> COLUMNS =
      List.of(
          column("id", "bigint", null, false),
          column("name", "string", null, false),
          column("city", "string", "user.address.city", false),
          column("first_sku", "string", "items[0].sku", false),
          column("qty", "int", "items[0].qty", false),
          column("price", "decimal(10,2)", "price", false),
          column("ok", "boolean", null, false),
          column("at", "timestamp", null, false),
          column("tags", "string", "tags", true));

  static Column column(String name, String type, String path, boolean json) {
    return Column.builder(name, ColumnType.parse(type))
        .path(path == null ? null : JsonPath.parse(path))
        .json(json)
        .build();
  }

  @Test
  void readsEachColumnAtItsPath() throws Exception {
    JsonRecordParser p = new JsonRecordParser(COLUMNS);
    p.parse(
        "{\"id\":7,\"name\":\"Ann\",\"user\":{\"address\":{\"city\":\"Oslo\",\"zip\":1},\"x\":[1]},"
            + "\"items\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B\"}],\"price\":12.50,"
            + "\"ok\":true,\"at\":\"2024-01-02T03:04:05Z\",\"tags\":[\"a\", {\"b\": 1.50}],"
            + "\"extra\":{\"deep\":[[[]]]}}");
    assertArrayEquals(
        new String[] {
          "7",
          "Ann",
          "Oslo",
          "A-1",
          "2",
          "12.50",
          "true",
          "2024-01-02T03:04:05Z",
          "[\"a\",{\"b\":1.50}]"
        },
        p.fields());
    assertArrayEquals(new String[9], p.mismatches());
  }

  /** A dotted name is one field in backticks, and a nested path when it is not. */
  @Test
  void aNameHoldingADotIsReadInBackticks() throws Exception {
    JsonRecordParser p =
        new JsonRecordParser(
            List.of(
                column("flat", "string", "`log.level`", false),
                column("nested", "string", "log.level", false),
                column("method", "string", "http.`request.method`", false)));
    p.parse(
        "{\"log.level\":\"warn\",\"log\":{\"level\":\"x\"},"
            + "\"http\":{\"request.method\":\"GET\",\"request\":{\"method\":\"no\"}}}");
    assertArrayEquals(new String[] {"warn", "x", "GET"}, p.fields());
  }

  @Test
  void absentAndNullAreNullAndStringsTakeAnyScalar() throws Exception {
    JsonRecordParser p = new JsonRecordParser(COLUMNS);
    p.parse("{\"name\":12.0e3,\"user\":null,\"items\":[],\"ok\":null}");
    assertArrayEquals(
        new String[] {null, "12.0e3", null, null, null, null, null, null, null}, p.fields());
    assertArrayEquals(new String[9], p.mismatches());
  }

  @Test
  void valuesOfTheWrongKindAreMismatches() throws Exception {
    JsonRecordParser p = new JsonRecordParser(COLUMNS);
    p.parse(
        "{\"id\":\"7\",\"name\":{\"a\":1},\"user\":{\"address\":\"Oslo\"},\"items\":{\"sku\":1},"
            + "\"price\":[1],\"ok\":\"true\",\"at\":20240102,\"tags\":\"plain\"}");
    assertArrayEquals(
        new String[] {
          "\"7\"", "{...}", "\"Oslo\"", null, null, "[...]", "\"true\"", "20240102", null
        },
        p.mismatches());
    // A string column kept as JSON takes a plain string as its text.
    assertEquals("plain", p.fields()[8]);
  }

  @Test
  void aTimestampWithAnEpochFormatTakesANumberAsWritten() throws Exception {
    Column at =
        Column.builder("at", ColumnType.parse("timestamp"))
            .formats(List.of("yyyy-MM-dd HH:mm:ss", "epoch_millis"))
            .build();
    JsonRecordParser p = new JsonRecordParser(List.of(at, column("n", "int", null, false)));
    p.parse("{\"at\":1706695200123,\"n\":1}");
    assertArrayEquals(new String[] {"1706695200123", "1"}, p.fields());
    assertArrayEquals(new String[2], p.mismatches());
    p.parse("{\"at\":\"2024-01-31 10:00:00\",\"n\":1}");
    assertArrayEquals(new String[] {"2024-01-31 10:00:00", "1"}, p.fields());
    p.parse("{\"at\":true,\"n\":1}");
    assertEquals("true", p.mismatches()[0]);
  }

  @Test
  void notOneWellFormedObjectIsMalformed() {
    JsonRecordParser p = new JsonRecordParser(COLUMNS);
    for (String bad :
        List.of(
            "{\"id\":1,}",
            "{\"id\":1",
            "[1,2]",
            "{\"id\":1}{\"id\":2}",
            "{\"id\":1,\"id\":2}",
            "{\"id\":tru}",
            "oops",
            "{\"skipped\":[1,}",
            "{\"a\":\"line\nbreak\"}")) {
      MalformedRecordException e =
          assertThrows(MalformedRecordException.class, () -> p.parse(bad), bad);
      assertTrue(e.getMessage().contains("character"), e.getMessage());
    }
  }

  /** Random records against a second reading: Jackson's tree model, walked path by path. */
  @Test
  void agreesWithTheTreeModelOnGeneratedRecords() throws Exception {
    ObjectMapper mapper =
        JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    JsonRecordParser p = new JsonRecordParser(COLUMNS);
    Random random = new Random(11);
    for (int n = 0; n < 3000; n++) {
      String record = generate(random);
      p.parse(record);
      JsonNode tree = mapper.readTree(record);
      for (int c = 0; c < COLUMNS.size(); c++) {
        String[] expected = expected(tree, COLUMNS.get(c));
        assertEquals(expected[0], p.fields()[c], record + " field " + c);
        assertEquals(expected[1], p.mismatches()[c], record + " mismatch " + c);
      }
    }
  }

  /** {field, mismatch} for one column, from the tree. */
  private static String[] expected(JsonNode tree, Column c) {
    JsonNode node = tree;
    List<Object> steps = c.jsonPath().steps();
    for (int i = 0; i < steps.size(); i++) {
      if (node == null || node.isNull()) {
        return new String[2];
      }
      if (node.isValueNode()) {
        return new String[] {null, scalar(node)}; // the path goes on into a scalar
      }
      node =
          steps.get(i) instanceof Integer k
              ? (node.isArray() ? node.get(k) : null)
              : (node.isObject() ? node.get((String) steps.get(i)) : null);
    }
    if (node == null || node.isNull()) {
      return new String[2];
    }
    if (node.isContainerNode()) {
      return c.json()
          ? new String[] {node.toString(), null}
          : new String[] {null, node.isObject() ? "{...}" : "[...]"};
    }
    boolean fits =
        switch (c.type().kind()) {
          case STRING -> true;
          case INT, BIGINT, DOUBLE, DECIMAL -> node.isNumber();
          case BOOLEAN -> node.isBoolean();
          case DATE, TIMESTAMP -> node.isTextual();
        };
    return fits ? new String[] {node.asText(), null} : new String[] {null, scalar(node)};
  }

  private static String scalar(JsonNode node) {
    return node.isTextual() ? '"' + node.asText() + '"' : node.asText();
  }

  private static String generate(Random r) {
    List<String> fields = new ArrayList<>();
    String[] names = {"id", "name", "user", "items", "price", "ok", "at", "tags", "other"};
    for (String name : names) {
      if (r.nextInt(6) > 0) {
        fields.add("\"" + name + "\":" + value(r, 0));
      }
    }
    java.util.Collections.shuffle(fields, r);
    return "{" + String.join(r.nextBoolean() ? "," : " , ", fields) + "}";
  }

  private static String value(Random r, int depth) {
    int kind = r.nextInt(depth > 2 ? 6 : 9);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> r.nextBoolean() ? "true" : "false";
      case 2 -> Integer.toString(r.nextInt(2000) - 1000);
      case 3 -> (r.nextInt(20000) - 10000) + "." + r.nextInt(10) + r.nextInt(10);
      case 4 ->
          "\"s"
              + r.nextInt(50)
              + (r.nextBoolean() ? "\\\"q\\u00e9" : "")
              + (r.nextBoolean() ? " \u00e9 [x, {y}]" : "")
              + "\"";
      case 5 -> "\"2024-01-0" + (1 + r.nextInt(9)) + "T00:00:00Z\"";
      case 6, 7 -> {
        List<String> f = new ArrayList<>();
        for (String k : new String[] {"address", "city", "sku", "qty", "x"}) {
          if (r.nextBoolean()) {
            f.add("\"" + k + "\":" + value(r, depth + 1));
          }
        }
        yield "{" + String.join(r.nextBoolean() ? "," : " ,\n", f) + "}";
      }
      default -> {
        List<String> e = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
          e.add(value(r, depth + 1));
        }
        yield "[" + String.join(", ", e) + "]";
      }
    };
  }
}
