package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
  void anArrayOfObjectsIsReadAsItsElements() throws IOException {
    // The brackets and the commas belong to no record; the line breaks stay, so lines count.
    // Each element's offset is its brace's, the first one's too.
    assertEquals(
        List.of("2:|{\"a\":1}|", "11:{\"a\":[2,3]}||"), split("[\n{\"a\":1},\n{\"a\":[2,3]}\n]\n"));
    assertEquals(List.of("1:{}", "5:{\"b\":\",]\"}"), split("[{}, {\"b\":\",]\"}]"));
    assertEquals(List.of("5:|oops {}|", "13:{}"), split("[ \t\r\noops {}\n{}]"));
    assertEquals(List.of("0:"), split("[]"));
    // Only a stream that starts with one: a bracket later is damage, as before.
    assertEquals(List.of("0:{}|", "3:[{}]"), split("{}\n[{}]"));
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

  /**
   * Random streams of objects, strings with braces, quotes and escapes, blanks, garbage and damage,
   * read a few bytes at a time (so that every record crosses reads), against a second reading of
   * the same rules byte by byte over the whole text.
   */
  @Test
  void agreesWithAByteByByteReadingOnRandomStreams() throws IOException {
    Random r = new Random(5);
    for (int round = 0; round < 300; round++) {
      StringBuilder sb = new StringBuilder();
      for (int k = r.nextInt(40); k > 0; k--) {
        sb.append(r.nextInt(25) == 0 ? "oops }{" : value(r, 0, true));
        sb.append(new String[] {"", "", " ", "\n", "\r\n", " \n\t"}[r.nextInt(6)]);
      }
      if (r.nextInt(5) == 0) {
        sb.append("{\"open\":[1,");
      }
      byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
      int max = new int[] {Integer.MAX_VALUE, 40, 1000}[r.nextInt(3)];
      JsonRecordSplitter s = new JsonRecordSplitter(new Trickle(text, r), max);
      List<String> out = new ArrayList<>();
      while (s.next()) {
        out.add(
            s.offset()
                + ":"
                + new String(s.bytes(), 0, s.length(), StandardCharsets.ISO_8859_1)
                + (s.tooLarge() ? "..." : ""));
      }
      assertEquals(reference(text, max), out, sb.toString());
    }
  }

  private static String value(Random r, int depth, boolean object) {
    if (object || depth < 3 && r.nextInt(4) == 0) {
      StringBuilder sb = new StringBuilder(object || r.nextBoolean() ? "{" : "[");
      boolean isObject = sb.charAt(0) == '{';
      for (int k = r.nextInt(4); k > 0; k--) {
        sb.append(isObject ? "\"k\":" : "")
            .append(value(r, depth + 1, false))
            .append(k > 1 ? "," : "");
      }
      return sb.append(isObject ? "}" : "]").toString();
    }
    return switch (r.nextInt(5)) {
      case 0 -> "12.5";
      case 1 -> "\"{[}]\\\"\\\\x\"";
      case 2 -> "\"é \\n\"";
      case 3 -> r.nextInt(10) == 0 ? "\"broken\nline\"" : "\"s\"";
      default -> "null";
    };
  }

  /** The rules, byte by byte over the whole text: each record as "offset:bytes" (Latin-1). */
  private static List<String> reference(byte[] t, int max) {
    List<String> out = new ArrayList<>();
    int p = 0;
    while (p < t.length) {
      int start = p;
      java.io.ByteArrayOutputStream rec = new java.io.ByteArrayOutputStream();
      if (t[p] == '{') {
        int depth = 0;
        boolean in = false;
        while (p < t.length) {
          byte b = t[p];
          if (in && (b == '\n' || b == '\r')) {
            break;
          }
          rec.write(t[p++]);
          if (in && b == '\\' && p < t.length && t[p] != '\n' && t[p] != '\r') {
            rec.write(t[p++]);
          } else if (b == '"') {
            in = !in;
          } else if (!in && (b == '{' || b == '[')) {
            depth++;
          } else if (!in && (b == '}' || b == ']') && --depth == 0) {
            break;
          }
        }
      } else if (!isSpace(t[p])) {
        while (p < t.length && t[p] != '\n' && t[p] != '\r') {
          rec.write(t[p++]);
        }
      }
      while (p < t.length && isSpace(t[p])) {
        byte b = t[p++];
        if (b == '\n' || b == '\r' && (p == t.length || t[p] != '\n')) {
          rec.write('\n');
        }
      }
      byte[] b = rec.toByteArray();
      String kept = new String(b, 0, Math.min(b.length, max), StandardCharsets.ISO_8859_1);
      out.add(start + ":" + kept + (b.length > max ? "..." : ""));
    }
    return out;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  /** Hands out 1 to 20 bytes a read. */
  private static final class Trickle extends java.io.InputStream {
    private final byte[] bytes;
    private final Random r;
    private int pos;

    Trickle(byte[] bytes, Random r) {
      this.bytes = bytes;
      this.r = r;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + r.nextInt(20)), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  @Test
  void skipsAByteOrderMark() throws IOException {
    assertEquals(List.of("0:{}"), split("\uFEFF{}"));
  }
}
