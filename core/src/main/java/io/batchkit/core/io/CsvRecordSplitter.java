package io.batchkit.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream into records, each with the offset and the line it starts on. A record ends at
 * a line break ({@code \n}, {@code \r\n} or {@code \r}, as Hadoop's LineRecordReader reads them);
 * in multiline mode not inside quotes, so quoted fields may hold line breaks. Works on bytes
 * (quote, escape and line breaks are ASCII in every encoding a schema accepts), so invalid text in
 * one record cannot disturb the next. A UTF-8 byte-order mark at the start is skipped.
 */
public final class CsvRecordSplitter {
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final int quote;
  private final int escape;
  private final boolean multiline;
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
  private long line;
  private long nextLine = 1;

  public CsvRecordSplitter(InputStream in, Character quote, Character escape, boolean multiline) {
    this(in, quote, escape, multiline, Integer.MAX_VALUE);
  }

  /**
   * @param maxBytes a record's bytes beyond this many are read past but not kept ({@link
   *     #tooLarge()}), so one huge record cannot exhaust the heap
   */
  public CsvRecordSplitter(
      InputStream in, Character quote, Character escape, boolean multiline, int maxBytes) {
    this.maxBytes = maxBytes;
    this.in = in;
    this.quote = quote == null ? -1 : quote;
    this.escape = escape == null ? -1 : escape;
    this.multiline = multiline;
  }

  /** Advances to the next record; false at the end of the stream. */
  public boolean next() throws IOException {
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
    line = nextLine;
    length = 0;
    tooLarge = false;
    boolean inQuotes = false;
    while (fill()) {
      byte b = buf[pos++];
      if (multiline && b == escape && inQuotes && escape != quote) {
        append(b);
        if (fill()) {
          append(buf[pos++]);
        }
        continue;
      }
      if (multiline && b == quote) {
        inQuotes = !inQuotes;
      } else if (b == '\n' || b == '\r') {
        nextLine++;
        if (b == '\r' && fill() && buf[pos] == '\n') {
          pos++;
          if (inQuotes) {
            append(b);
            b = '\n';
          }
        }
        if (!inQuotes) {
          return true;
        }
      }
      append(b);
    }
    return true; // last record, without a final line break
  }

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

  private boolean fill() throws IOException {
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

  private void append(byte b) {
    if (length >= maxBytes) {
      tooLarge = true;
      return;
    }
    if (length == record.length) {
      record = Arrays.copyOf(record, record.length * 2);
    }
    record[length++] = b;
  }

  /** The current record's bytes, without its line break; valid up to {@link #length()}. */
  public byte[] bytes() {
    return record;
  }

  /** Whether the current record was longer than the limit: only its first bytes are kept. */
  public boolean tooLarge() {
    return tooLarge;
  }

  public int length() {
    return length;
  }

  /** Byte offset in the stream where the current record starts (0 for the first). */
  public long offset() {
    return offset;
  }

  /** The 1-based line the current record starts on. */
  public long line() {
    return line;
  }
}
