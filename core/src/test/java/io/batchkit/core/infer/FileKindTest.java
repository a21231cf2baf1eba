package io.batchkit.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Files written by the JDK's own encoders: which are text batchkit reads, and which are not. */
class FileKindTest {
  static final String CSV = "id,name,amount\n1,Zoë,1.50\n2,Åsa,2.50\n3,Bob,3.25\n";

  static String kind(byte[] b) {
    return FileKind.notText("orders.csv", b, b.length);
  }

  static byte[] withMark(byte[] mark, String text, Charset cs) {
    byte[] body = text.getBytes(cs);
    byte[] b = new byte[mark.length + body.length];
    System.arraycopy(mark, 0, b, 0, mark.length);
    System.arraycopy(body, 0, b, mark.length, body.length);
    return b;
  }

  @Test
  void utf16AndUtf32AreNamedWithTheCommandThatConvertsThem() {
    // Java's "UTF-16" writes a big-endian byte-order mark; Windows' "Unicode" is little-endian.
    assertTrue(kind(CSV.getBytes(StandardCharsets.UTF_16)).startsWith("UTF-16BE (byte-order"));
    String le =
        kind(withMark(new byte[] {(byte) 0xFF, (byte) 0xFE}, CSV, StandardCharsets.UTF_16LE));
    assertEquals(
        "UTF-16LE (byte-order mark FF FE) text: batchkit reads encodings that write ASCII as one"
            + " byte (UTF-8, windows-1252, ISO-8859-1); convert it first, for example: iconv -f"
            + " UTF-16 -t UTF-8 orders.csv > orders.utf8.csv",
        le);
    assertTrue(kind(CSV.getBytes(StandardCharsets.UTF_16LE)).startsWith("UTF-16LE (no byte-order"));
    assertTrue(kind(CSV.getBytes(StandardCharsets.UTF_16BE)).startsWith("UTF-16BE (no byte-order"));
    assertTrue(kind(CSV.getBytes(Charset.forName("UTF-32BE"))).startsWith("UTF-32BE (no byte"));
    assertTrue(kind(CSV.getBytes(Charset.forName("UTF-32LE"))).startsWith("UTF-32LE (no byte"));
    assertTrue(
        kind(withMark(
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, CSV, Charset.forName("UTF-32LE")))
            .contains("iconv -f UTF-32 -t UTF-8"));
  }

  @Test
  void textInOneByteEncodingsIsRead() {
    assertNull(kind(CSV.getBytes(StandardCharsets.UTF_8)));
    assertNull(
        kind(
            withMark(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, CSV, StandardCharsets.UTF_8)));
    assertNull(kind(CSV.getBytes(Charset.forName("windows-1252"))));
    assertNull(kind(new byte[0]));
    byte[] oneZero = CSV.repeat(10).getBytes(StandardCharsets.UTF_8);
    oneZero[40] = 0; // a stray NUL is a value's damage, quarantined by clean, not another encoding
    assertNull(kind(oneZero));
  }

  @Test
  void binaryFormatsAreNamed() {
    assertTrue(kind(new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}).contains("ZIP archive"));
    assertTrue(kind("PAR1xxxx".getBytes(StandardCharsets.US_ASCII)).contains("Parquet"));
    byte[] zeros = new byte[100];
    zeros[1] = 'a';
    assertTrue(kind(zeros).startsWith("binary data (99% zero bytes)"), kind(zeros));
  }
}
