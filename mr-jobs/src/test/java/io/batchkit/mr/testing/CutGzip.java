package io.batchkit.mr.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** A .gz cut short, read by the JDK's own inflater: what any reader can get from it. */
public final class CutGzip {
  private CutGzip() {}

  /** The bytes before the cut, one at a time so that none the inflater had is lost. */
  public static byte[] readUpToTheCut(Path file) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      byte[] b = new byte[1];
      while (in.read(b) > 0) {
        got.write(b[0]);
      }
    } catch (EOFException expected) {
      // the cut
    }
    return got.toByteArray();
  }
}
