package io.batchkit.core.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a byte stream into CSV records, each with the offset and the line it starts on. A record
 * ends at a line break ({@code \n}, {@code \r\n} or {@code \r}, as Hadoop's LineRecordReader reads
 * them); in multiline mode not inside quotes, so quoted fields may hold line breaks. Quote, escape
 * and line breaks are ASCII in every encoding a schema accepts.
 */
public final class CsvRecordSplitter extends RecordSplitter {
  private final int quote;
  private final int escape;
  private final boolean multiline;
  private long line;
  private long nextLine = 1;

  public CsvRecordSplitter(InputStream in, Character quote, Character escape, boolean multiline) {
    this(in, quote, escape, multiline, Integer.MAX_VALUE);
  }

  public CsvRecordSplitter(
      InputStream in, Character quote, Character escape, boolean multiline, int maxBytes) {
    super(in, maxBytes);
    this.quote = quote == null ? -1 : quote;
    this.escape = escape == null ? -1 : escape;
    this.multiline = multiline;
  }

  @Override
  protected void readRecord() throws IOException {
    line = nextLine;
    boolean inQuotes = false;
    while (fill()) {
      byte b = take();
      if (multiline && b == escape && inQuotes && escape != quote) {
        append(b);
        if (fill()) {
          append(take());
        }
        continue;
      }
      if (multiline && b == quote) {
        inQuotes = !inQuotes;
      } else if (b == '\n' || b == '\r') {
        nextLine++;
        if (b == '\r' && fill() && peek() == '\n') {
          take();
          if (inQuotes) {
            append(b);
            b = '\n';
          }
        }
        if (!inQuotes) {
          return;
        }
      }
      append(b);
    }
    // the last record, without a final line break
  }

  /** The 1-based line the current record starts on. */
  public long line() {
    return line;
  }
}
