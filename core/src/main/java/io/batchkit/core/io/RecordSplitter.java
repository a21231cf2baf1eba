package io.batchkit.core.io;

import io.batchkit.core.schema.FormatSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream into records, each with the offset it starts at: CSV lines or records whose
 * quoted fields hold line breaks ({@link CsvRecordSplitter}), JSON objects back to back ({@link
 * JsonRecordSplitter}). Works on bytes, so invalid text in one record cannot disturb the next. A
 * UTF-8 byte-order mark at the start is skipped.
 */
public abstract class RecordSplitter {
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private long bufStart; // stream offset of buf[0]
  private boolean eof;

  private byte[] record = new byte[1024];
  private int length;
  private final int maxBytes;
  private boolean tooLarge;
  private long offset;

  /**
   * @param maxBytes a record's bytes beyond this many are read past but not kept ({@link
   *     #tooLarge()}), so one huge record cannot exhaust the heap
   */
  protected RecordSplitter(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /**
   * The splitter for files of this format: JSON objects back to back, or CSV records (one per line
   * unless {@code multiline}; JSON Lines are lines too).
   */
  public static RecordSplitter of(FormatSpec format, InputStream in, int maxBytes) {
    return format.json() && format.multiline()
        ? new JsonRecordSplitter(in, maxBytes)
        : new CsvRecordSplitter(in, format.quote(), format.escape(), format.multiline(), maxBytes);
  }

  /** Advances to the next record; false at the end of the stream. */
  public final boolean next() throws IOException {
    if (!fill()) {
      return false;
    }
    offset = bufStart + pos;
    if (offset == 0) {
      // The mark belongs to the first record: it still starts at offset 0, as with Hadoop's reader.
      skipByteOrderMark();
      if (!fill()) {
        return false;
      }
    }
    length = 0;
    tooLarge = false;
    readRecord();
    return true;
  }

  /** Reads one record's bytes ({@link #take}, {@link #append}); the stream has at least one. */
  protected abstract void readRecord() throws IOException;

  private void skipByteOrderMark() throws IOException {
    // Need three bytes in the buffer; the stream start is always the start of the buffer.
    while (limit < 3 && !eof) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    }
    if (limit >= 3
        && (buf[0] & 0xFF) == 0xEF
        && (buf[1] & 0xFF) == 0xBB
        && (buf[2] & 0xFF) == 0xBF) {
      pos = 3;
    }
  }

  /** Whether a byte is left to read. */
  protected final boolean fill() throws IOException {
    if (pos < limit) {
      return true;
    }
    if (eof) {
      return false;
    }
    bufStart += limit;
    pos = 0;
    limit = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit = n;
    return true;
  }

  /** The next byte, not consumed; call {@link #fill()} first. */
  protected final byte peek() {
    return buf[pos];
  }

  /** The next byte, consumed; call {@link #fill()} first. */
  protected final byte take() {
    return buf[pos++];
  }

  /**
   * The buffer, for a scan in place: its unread bytes run from {@link #position()} to {@link
   * #limit()}; call {@link #fill()} first.
   */
  protected final byte[] buffer() {
    return buf;
  }

  protected final int position() {
    return pos;
  }

  protected final int limit() {
    return limit;
  }

  /** Consumes the buffer's bytes up to {@code end} (exclusive) into the record, as append does. */
  protected final void takeUpTo(int end) {
    int n = end - pos;
    int keep = Math.min(n, maxBytes - length);
    tooLarge |= keep < n;
    if (length + keep > record.length) {
      record = Arrays.copyOf(record, Math.max(record.length * 2, length + keep));
    }
    System.arraycopy(buf, pos, record, length, keep);
    length += keep;
    pos = end;
  }

  protected final void append(byte b) {
    if (length >= maxBytes) {
      tooLarge = true;
      return;
    }
    if (length == record.length) {
      record = Arrays.copyOf(record, record.length * 2);
    }
    record[length++] = b;
  }

  /** The current record's bytes, valid up to {@link #length()}. */
  public final byte[] bytes() {
    return record;
  }

  /** Whether the current record was longer than the limit: only its first bytes are kept. */
  public final boolean tooLarge() {
    return tooLarge;
  }

  public final int length() {
    return length;
  }

  /**
   * The current record starts at the next byte, not where it began: what came before it is kept
   * with it but not part of it (the bracket before a JSON array's first element).
   */
  protected final void startsHere() {
    offset = bufStart + pos;
  }

  /**
   * Byte offset in the stream where the current record starts (0 for the first, but for the first
   * element of a JSON array: its brace).
   */
  public final long offset() {
    return offset;
  }
}
