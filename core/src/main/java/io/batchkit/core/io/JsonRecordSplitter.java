package io.batchkit.core.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a stream of JSON objects into records: one per line (JSON Lines), back to back with no byte
 * between them (Kinesis Data Firehose), or spread over several lines. A record runs from its
 * opening brace to the brace that closes it, strings and escapes respected; the whitespace after it
 * belongs to it (its line breaks kept as {@code \n}, so that lines can be counted), and a record
 * that starts with whitespace (only the first can) is blank.
 *
 * <p>A stream that is one array of objects ({@code [{...},\n{...}]}) is read as its elements, each
 * a record.
 *
 * <p>Damage is confined where a boundary can still be trusted: text that does not start an object
 * is a record up to the end of its line, and so is an object whose string runs into a line break
 * (JSON strings hold none); reading resumes on the next line. An object still open at the end of
 * the stream is one record to the end: in a file of objects back to back, the rest of the file. The
 * front end then quarantines each such record as malformed.
 */
public final class JsonRecordSplitter extends RecordSplitter {
  private boolean started;
  private boolean array;
  private boolean inArray;

  public JsonRecordSplitter(InputStream in, int maxBytes) {
    super(in, maxBytes);
  }

  /**
   * Whether the stream is one JSON array of objects ({@code [{...},{...}]}, as exports write them):
   * each element is a record, the brackets and commas between them belong to none.
   */
  public boolean array() {
    return array;
  }

  @Override
  protected void readRecord() throws IOException {
    if (!started) {
      started = true;
      if (peek() == '[') {
        take();
        array = inArray = true;
        whitespace(); // kept with the first element, so that lines still count
        if (!fill() || endOfArray()) {
          return;
        }
        startsHere();
      }
    }
    byte first = peek();
    if (first == '{') {
      object();
    } else if (!isSpace(first)) {
      restOfLine();
    }
    whitespace();
    if (inArray && fill()) {
      if (peek() == ',') {
        take();
        whitespace();
      } else {
        endOfArray();
      }
    }
  }

  /** Consumes the array's closing bracket and the whitespace after it, when it is next. */
  private boolean endOfArray() throws IOException {
    if (peek() != ']') {
      return false;
    }
    take();
    inArray = false;
    whitespace();
    return true;
  }

  /** Scans the buffer in place, a run of bytes copied at a time: most of a JSON read's bytes. */
  private void object() throws IOException {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    while (fill()) {
      byte[] buf = buffer();
      int end = limit();
      for (int i = position(); i < end; i++) {
        byte b = buf[i];
        if (inString) {
          if (b == '\n' || b == '\r') {
            takeUpTo(i);
            return; // a string cannot hold a line break: the record is damaged, the line ends it
          } else if (escaped) {
            escaped = false;
          } else if (b == '\\') {
            escaped = true;
          } else if (b == '"') {
            inString = false;
          }
        } else if (b == '"') {
          inString = true;
        } else if (b == '{' || b == '[') {
          depth++;
        } else if ((b == '}' || b == ']') && --depth == 0) {
          takeUpTo(i + 1);
          return;
        }
      }
      takeUpTo(end);
    }
  }

  private void restOfLine() throws IOException {
    while (fill() && peek() != '\n' && peek() != '\r') {
      append(take());
    }
  }

  /** The whitespace up to the next record, its line breaks kept as one {@code \n} each. */
  private void whitespace() throws IOException {
    while (fill() && isSpace(peek())) {
      byte b = take();
      if (b == '\r' && fill() && peek() == '\n') {
        continue; // \r\n: the \n is the break
      }
      if (b == '\n' || b == '\r') {
        append((byte) '\n');
      }
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
