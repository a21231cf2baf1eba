package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordSplitterTest {

  /** Each record as "offset:line:text". */
  static List<String> split(byte[] bytes, boolean multiline) throws IOException {
    CsvRecordSplitter s =
        new CsvRecordSplitter(new ByteArrayInputStream(bytes), '"', null, multiline);
    List<String> out = new ArrayList<>();
    while (s.next()) {
      out.add(
          s.offset()
              + ":"
              + s.line()
              + ":"
              + new String(s.bytes(), 0, s.length(), StandardCharsets.UTF_8));
    }
    return out;
  }

  static List<String> split(String text, boolean multiline) throws IOException {
    return split(text.getBytes(StandardCharsets.UTF_8), multiline);
  }

  @Test
  void linesEndAtLfCrLfOrCr() throws IOException {
    assertEquals(List.of("0:1:a", "2:2:b", "5:3:c", "7:4:d"), split("a\nb\r\nc\rd", false));
    assertEquals(List.of("0:1:a", "2:2:"), split("a\n\n", false));
    assertEquals(List.of(), split("", false));
  }

  @Test
  void multilineKeepsQuotedLineBreaks() throws IOException {
    String text = "h1,h2\n\"a\nb\",1\n\"c\r\nd\",2\nlast,3";
    assertEquals(
        List.of("0:1:h1,h2", "6:2:\"a\nb\",1", "14:4:\"c\r\nd\",2", "23:6:last,3"),
        split(text, true));
    // Without multiline the same bytes are cut at every line break.
    assertEquals(6, split(text, false).size());
  }

  @Test
  void skipsAUtf8ByteOrderMarkButKeepsOffsetsInTheFile() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', '\n', 'x'};
    assertEquals(List.of("0:1:h", "5:2:x"), split(bom, false));
  }

  @Test
  void recordsLongerThanTheBufferSurvive() throws IOException {
    String big = "x".repeat(1_000_000);
    List<String> r = split("a\n" + big + "\nb\n", false);
    assertEquals(3, r.size());
    assertEquals("2:2:" + big, r.get(1));
    assertEquals("1000003:3:b", r.get(2));
  }

  @Test
  void lineNumbersCountEveryKindOfLineBreakOnce() throws IOException {
    String text = "a\r\n\"q\nq\"\rb\n\nc";
    CsvRecordSplitter s =
        new CsvRecordSplitter(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), '"', null, true);
    while (s.next()) {
      // Independently: 1 + the line breaks before the record's offset (all ASCII: chars = bytes).
      String before = text.substring(0, (int) s.offset());
      long breaks =
          before.chars().filter(c -> c == '\n').count()
              + before.replace("\r\n", "").chars().filter(c -> c == '\r').count();
      assertEquals(breaks + 1, s.line(), "record at " + s.offset());
    }
  }
}
