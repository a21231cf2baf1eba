package io.batchkit.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The columns infer finds in JSON records, against hand-checked records. */
class JsonShapeTest {
  static JsonShape sniff(String text, boolean complete) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return JsonShape.sniff(b, b.length, complete);
  }

  @Test
  void objectsFlattenArraysAndMixedPathsStayJsonText() {
    JsonShape s =
        sniff(
            "{\"id\":1,\"user\":{\"id\":\"u\",\"geo\":{\"lat\":1.5}},\"tags\":[1]}"
                + "{\"id\":2,\"user\":null,\"meta\":{\"a\":1},\"Sub Total\":3}"
                + "{\"id\":3,\"meta\":\"plain\",\"nothing\":null}",
            true);
    assertEquals(
        List.of("id", "user.id", "user.geo.lat", "tags", "meta", "Sub Total", "nothing"),
        s.paths());
    assertEquals(
        List.of("id", "user_id", "user_geo_lat", "tags", "meta", "sub_total", "nothing"),
        s.names());
    assertEquals(List.of(false, false, false, true, true, false, false), s.text());
    assertFalse(s.lines(), "back to back");
  }

  /** Log shippers' dotted names are fields, not objects: their paths say so in backticks. */
  @Test
  void aNameHoldingADotIsOneFieldInBackticks() {
    JsonShape s =
        sniff(
            "{\"log.level\":\"info\",\"http\":{\"status.code\":200,\"a[0]\":1},\"x`y\":2}\n", true);
    assertEquals(List.of("`log.level`", "http.`status.code`", "http.`a[0]`", "`x``y`"), s.paths());
    assertEquals(List.of("log_level", "http_status_code", "http_a_0", "x_y"), s.names());
  }

  @Test
  void oneObjectPerLineIsLinesAndACutLastRecordIsIgnored() {
    JsonShape s = sniff("{\"a\":1}\n{\"a\":2,\"b\":3}\n{\"a\":3,\"cut", false);
    assertEquals(List.of("a", "b"), s.paths());
    assertTrue(s.lines());
    assertFalse(sniff("{\"a\":1}\n{\n\"a\":2}\n", true).lines(), "an object over two lines");
    assertTrue(JsonShape.looksLikeJson("\uFEFF \n{".getBytes(StandardCharsets.UTF_8), 6));
    assertFalse(JsonShape.looksLikeJson("a,b\n".getBytes(StandardCharsets.UTF_8), 4));
  }

  @Test
  void severalFilesGiveEveryPathInTheOrderFirstSeen() {
    byte[] one = "{\"a\":1,\"b\":2}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
    byte[] two =
        "{\"a\":3,\"c\":{\"d\":1}}{\"e\":[1],\"b\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8);
    JsonShape s =
        JsonShape.sniff(
            List.of(
                new JsonShape.Head(one, one.length, true),
                new JsonShape.Head(two, two.length, true)));
    assertEquals(List.of("a", "b", "c.d", "e"), s.paths());
    assertEquals(List.of(false, true, false, true), s.text(), "b: a number here, an object there");
    assertFalse(s.lines(), "the second file's objects are back to back");
    assertTrue(JsonShape.sniff(List.of(new JsonShape.Head(one, one.length, true))).lines());
  }

  @Test
  void aJsonStringIsNeverProposedAsANumberOrBoolean() {
    ColumnEvidence numbers = new ColumnEvidence();
    ColumnEvidence quoted = new ColumnEvidence();
    for (String v : List.of("12", "7", "300")) {
      numbers.add(v);
      quoted.add(v);
    }
    quoted.addQuoted("8");
    numbers.add("8");
    assertEquals("int", ColumnProposal.of("n", numbers, false, false).type());
    assertEquals("string", ColumnProposal.of("n", quoted, false, false).type());
  }
}
