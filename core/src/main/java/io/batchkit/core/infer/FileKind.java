package io.batchkit.core.infer;

/**
 * What a file is when it is not text batchkit reads (records are split on bytes, so an encoding
 * must write ASCII as one byte): UTF-16 or UTF-32 (with or without a byte-order mark), or a binary
 * format found in landings by mistake. Told from the first bytes, before any guess at a dialect.
 */
public final class FileKind {
  private FileKind() {}

  /**
   * Why the bytes are not text to read, with what to do; null when they may be.
   *
   * @param name the file's name, for the command that converts it
   */
  public static String notText(String name, byte[] head, int length) {
    String kind = kind(head, length);
    if (kind == null) {
      return null;
    }
    return kind.startsWith("UTF")
        ? kind
            + " text: batchkit reads encodings that write ASCII as one byte (UTF-8, windows-1252,"
            + " ISO-8859-1); convert it first, for example: iconv -f "
            + (kind.startsWith("UTF-32") ? "UTF-32" : "UTF-16")
            + " -t UTF-8 "
            + name
            + " > "
            + name.replaceFirst("(\\.[^.]*)?$", ".utf8$1")
        : kind + ", not text: point --input at the data files only";
  }

  private static String kind(byte[] b, int n) {
    if (starts(b, n, 0xFF, 0xFE, 0x00, 0x00)) {
      return "UTF-32LE (byte-order mark FF FE 00 00)";
    }
    if (starts(b, n, 0x00, 0x00, 0xFE, 0xFF)) {
      return "UTF-32BE (byte-order mark 00 00 FE FF)";
    }
    if (starts(b, n, 0xFF, 0xFE)) {
      return "UTF-16LE (byte-order mark FF FE)";
    }
    if (starts(b, n, 0xFE, 0xFF)) {
      return "UTF-16BE (byte-order mark FE FF)";
    }
    if (starts(b, n, 'P', 'K', 0x03, 0x04)) {
      return "a ZIP archive (an .xlsx workbook?)";
    }
    if (starts(b, n, 'P', 'A', 'R', '1')) {
      return "a Parquet file";
    }
    if (starts(b, n, 'O', 'R', 'C')) {
      return "an ORC file";
    }
    // Without a mark: text of one of those leaves every other (or three in four) byte zero.
    int sample = Math.min(n, 4096);
    int[] zeros = new int[4]; // by position modulo 4
    for (int i = 0; i < sample; i++) {
      if (b[i] == 0) {
        zeros[i % 4]++;
      }
    }
    int quarter = sample / 5; // most of a position's quarter of the sample
    int few = sample / 40;
    if (sample >= 16) {
      if (zeros[0] >= quarter && zeros[1] >= quarter && zeros[2] >= quarter && zeros[3] < few) {
        return "UTF-32BE (no byte-order mark: three bytes in four zero)";
      }
      if (zeros[1] >= quarter && zeros[2] >= quarter && zeros[3] >= quarter && zeros[0] < few) {
        return "UTF-32LE (no byte-order mark: three bytes in four zero)";
      }
      if (zeros[1] >= quarter && zeros[3] >= quarter && zeros[0] + zeros[2] < few) {
        return "UTF-16LE (no byte-order mark: every other byte zero)";
      }
      if (zeros[0] >= quarter && zeros[2] >= quarter && zeros[1] + zeros[3] < few) {
        return "UTF-16BE (no byte-order mark: every other byte zero)";
      }
    }
    int all = zeros[0] + zeros[1] + zeros[2] + zeros[3];
    if (sample > 0 && all > sample / 10) {
      return "binary data (" + all * 100 / sample + "% zero bytes)";
    }
    return null;
  }

  private static boolean starts(byte[] b, int n, int... prefix) {
    if (n < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
