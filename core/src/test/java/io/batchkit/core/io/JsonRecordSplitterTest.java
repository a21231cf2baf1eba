package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordSplitterTest {

  /** Each record as "offset:text", its trailing line breaks shown as '|'. */
  static List<String> split(String text, int maxBytes) throws IOException {
    JsonRecordSplitter s =
        new JsonRecordSplitter(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxBytes);
    List<String> out = new ArrayList<>();
    while (s.next()) {
      String r = new String(s.bytes(), 0, s.length(), StandardCharsets.UTF_8);
      out.add(s.offset() + ":" + r.replace('\n', '|') + (s.tooLarge() ? "..." : ""));
    }
    return out;
  }

  static List<String> split(String text) throws IOException {
    return split(text, Integer.MAX_VALUE);
  }

  @Test
  void objectsBackToBackWithNothingBetween() throws IOException {
    assertEquals(
        List.of("0:{\"a\":1}", "7:{\"a\":2}", "14:{\"a\":{\"b\":[1,{}]}}"),
        split("{\"a\":1}{\"a\":2}{\"a\":{\"b\":[1,{}]}}"));
  }

  @Test
  void oneObjectPerLineKeepsItsLineBreaks() throws IOException {
    assertEquals(
        List.of("0:{\"a\":1}|", "8:{\"a\":2}||", "19:{\"a\":3}"),
        split("{\"a\":1}\n{\"a\":2}\r\n\r\n{\"a\":3}"));
    // Whitespace before the first object is a record of its own (blank); spaces are not kept.
    assertEquals(List.of("0:||", "4:{}|"), split("\n \n {}\n "));
  }

  @Test
  void bracesAndQuotesInsideStringsDoNotCount() throws IOException {
    String a = "{\"s\":\"}{\\\"]\",\"t\":\"\\\\\"}";
    assertEquals(List.of("0:" + a, a.length() + ":{}"), split(a + "{}"));
  }

  @Test
  void anObjectOverSeveralLinesIsOneRecord() throws IOException {
    assertEquals(List.of("0:{|  \"a\": 1|}|", "13:{}"), split("{\n  \"a\": 1\n}\n{}"));
  }

  @Test
  void textThatStartsNoObjectIsARecordToTheEndOfItsLine() throws IOException {
    assertEquals(
        List.of("0:{}|", "3:oops {\"a\":1}|", "16:{\"b\":2}"),
        split("{}\noops {\"a\":1}\n{\"b\":2}"));
  }

  @Test
  void aStringRunningIntoALineBreakEndsItsRecordAtTheLine() throws IOException {
    assertEquals(
        List.of("0:{\"a\":\"unterminated|", "19:{\"b\":2}"),
        split("{\"a\":\"unterminated\n{\"b\":2}"));
  }

  @Test
  void anObjectOpenAtTheEndIsTheRestOfTheStream() throws IOException {
    // Back to back, nothing after the damage can be trusted: one record to the end.
    assertEquals(
        List.of("0:{\"a\":1}", "7:{\"a\":{\"b\":2}{\"a\":3}{\"a\":4}"),
        split("{\"a\":1}{\"a\":{\"b\":2}{\"a\":3}{\"a\":4}"));
  }

  @Test
  void longRecordsKeepTheirStartAndAreMarked() throws IOException {
    String big = "{\"a\":\"" + "x".repeat(100_000) + "\"}";
    List<String> r = split(big + "\n{}", 10);
    assertEquals(List.of("0:{\"a\":\"xxxx...", (big.length() + 1) + ":{}"), r);
    assertTrue(split(big + big).get(1).startsWith(big.length() + ":{\"a\""));
  }

  @Test
  void skipsAByteOrderMark() throws IOException {
    assertEquals(List.of("0:{}"), split("\uFEFF{}"));
  }
}
