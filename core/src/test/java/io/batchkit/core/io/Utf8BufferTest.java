package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8BufferTest {
  private static final String[] PIECES = {
    "a",
    "Z9,",
    "\t",
    "é",
    "ß",
    "東京",
    "\uD83D\uDE00",
    "\uD83D",
    "\uDE00",
    "\u0000",
    "\u007F",
    "\u0080"
  };

  static byte[] encoded(Utf8Buffer buffer, String s) {
    buffer.encode(new StringBuilder(s));
    return Arrays.copyOf(buffer.bytes(), buffer.length());
  }

  @Test
  void bytesAreTheJdksUtf8ForAnyTextIncludingLoneSurrogates() {
    Utf8Buffer buffer = new Utf8Buffer(); // reused: longer and shorter texts in turn
    Random random = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder sb = new StringBuilder();
      int pieces = random.nextInt(n % 10 == 0 ? 400 : 20);
      for (int i = 0; i < pieces; i++) {
        sb.append(PIECES[random.nextInt(random.nextBoolean() ? 3 : PIECES.length)]);
      }
      String s = sb.toString();
      assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), encoded(buffer, s), s);
    }
  }

  @Test
  void asciiThenOtherTextKeepsTheAsciiPrefix() {
    Utf8Buffer buffer = new Utf8Buffer();
    String s = "x".repeat(300) + "é" + "y".repeat(300);
    assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), encoded(buffer, s));
    assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), encoded(buffer, "ab"));
  }
}
