package io.batchkit.core.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a record's bytes in the schema's encoding and tells apart bytes that are not valid in it,
 * which a plain {@code new String(bytes, charset)} would silently replace with U+FFFD.
 */
public final class RecordDecoder {
  private final Charset charset;
  private final CharsetDecoder strict;

  public RecordDecoder(Charset charset) {
    this.charset = charset;
    this.strict =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The decoded text; invalid bytes become U+FFFD (check {@link #invalidAt} for those). */
  public String decode(byte[] bytes, int length) {
    return new String(bytes, 0, length, charset);
  }

  /**
   * Returns the offset of the first byte that is not valid in the encoding, or -1 when all are.
   * Only worth calling when {@link #decode} produced a U+FFFD.
   */
  public int invalidAt(byte[] bytes, int length) {
    strict.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate(Math.max(16, length));
    CoderResult r = strict.decode(in, out, true);
    if (r.isError()) {
      return in.position();
    }
    r = strict.flush(out);
    return r.isError() ? in.position() : -1;
  }
}
