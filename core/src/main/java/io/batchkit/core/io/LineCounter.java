package io.batchkit.core.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Tells the line number of a byte offset by counting line breaks from the start of a stream, moving
 * forward only: a task asks for offsets in increasing order, so a whole split costs one pass.
 * Counts {@code \n}, {@code \r\n} and {@code \r} once each, as Hadoop's LineRecordReader ends
 * lines. Used lazily, when a record is quarantined, so clean data never pays for it.
 */
public final class LineCounter implements AutoCloseable {
  private final InputStream in;
  private final byte[] buf = new byte[64 * 1024];
  private long position;
  private long breaks;
  private boolean lastWasCr;

  public LineCounter(InputStream in) {
    this.in = in;
  }

  /**
   * Returns the 1-based line that starts at (or contains) {@code offset}.
   *
   * @throws IllegalArgumentException for an offset before one already asked for
   */
  public long lineAt(long offset) throws IOException {
    if (offset < position) {
      throw new IllegalArgumentException("offsets must not decrease: " + offset + " < " + position);
    }
    while (position < offset) {
      int want = (int) Math.min(buf.length, offset - position);
      int n = in.read(buf, 0, want);
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          if (!lastWasCr) {
            breaks++;
          }
          lastWasCr = false;
        } else if (b == '\r') {
          breaks++;
          lastWasCr = true;
        } else {
          lastWasCr = false;
        }
      }
      position += n;
    }
    return breaks + 1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
