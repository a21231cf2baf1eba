package io.batchkit.core.io;

import io.batchkit.core.schema.FormatSpec;
import io.batchkit.core.types.AsciiFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits one record's text into fields, RFC 4180 style, with Apache Commons CSV.
 *
 * <p>A record with no quote or escape character has only one reading under RFC 4180: its fields are
 * the text between delimiters. Those records (the vast majority in practice) are split directly,
 * which avoids building a Commons CSV parser per record; {@code CsvRecordParserTest} checks that
 * both paths agree on generated input. So are records whose quotes only enclose whole fields, each
 * closing quote followed by a delimiter or the end (doubled quotes inside): a Commons CSV parser
 * per record costs an 8 KiB reader buffer, and 8% of quoted records took 16% of a job's CPU.
 * Anything else with a quote (text after a closing quote, a quote inside an unquoted field, an
 * unclosed quote) goes to Commons CSV, which also words the errors.
 */
public final class CsvRecordParser {
  private final CSVFormat format;
  private final char delimiter;
  private final int quote;
  private final int escape;
  private final ArrayList<String> fields = new ArrayList<>();
  private final StringBuilder quoted = new StringBuilder();
  private final AsciiFields ascii = new AsciiFields();

  public CsvRecordParser(FormatSpec spec) {
    this.delimiter = spec.delimiter();
    this.quote = spec.quote() == null ? -1 : spec.quote();
    this.escape = spec.escape() == null ? -1 : spec.escape();
    this.format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(spec.delimiter())
            .setQuote(spec.quote())
            .setEscape(spec.escape())
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(false)
            .setTrim(false)
            .setNullString(null)
            .get();
  }

  /**
   * Returns the record's fields. The list is reused by the next call.
   *
   * @throws MalformedRecordException when the text is not one well-formed CSV record
   */
  public List<String> parse(String record) throws MalformedRecordException {
    fields.clear();
    switch (scan(record)) {
      case PLAIN -> {
        int start = 0;
        int n = record.length();
        for (int i = 0; i < n; i++) {
          if (record.charAt(i) == delimiter) {
            fields.add(record.substring(start, i));
            start = i + 1;
          }
        }
        fields.add(record.substring(start, n));
        return fields;
      }
      case QUOTED -> {
        if (parseQuoted(record)) {
          return fields;
        }
        return parseWithCommonsCsv(record);
      }
      default -> {
        return parseWithCommonsCsv(record);
      }
    }
  }

  /**
   * The fields of a record of ASCII bytes without quote, escape or line break, split at the
   * delimiter straight from the bytes (no text of the whole record first: that copy and the scan of
   * it were a tenth of a job's CPU); false for any other record, which is decoded and {@link #parse
   * parsed}. Only for encodings in which ASCII bytes are those characters.
   */
  public boolean splitAscii(byte[] bytes, int length, AsciiFields out) {
    if (delimiter >= 0x80) {
      return false;
    }
    out.start(bytes);
    int start = 0;
    for (int i = 0; i < length; i++) {
      byte c = bytes[i];
      if (c == delimiter) {
        out.add(start, i);
        start = i + 1;
      } else if (c < 0 || c == quote || c == escape || c == '\n' || c == '\r') {
        return false;
      }
    }
    out.add(start, length);
    return true;
  }

  /** As {@link #splitAscii(byte[], int, AsciiFields)}, the fields as strings; null for others. */
  public List<String> splitAscii(byte[] bytes, int length) {
    if (!splitAscii(bytes, length, ascii)) {
      return null;
    }
    fields.clear();
    for (int i = 0; i < ascii.count(); i++) {
      fields.add(ascii.text(i));
    }
    return fields;
  }

  private static final int PLAIN = 0;
  private static final int QUOTED = 1;
  private static final int OTHER = 2;

  private int scan(String record) {
    int kind = PLAIN;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (c == escape || c == '\n' || c == '\r') {
        return OTHER;
      }
      if (c == quote) {
        kind = QUOTED;
      }
    }
    return kind;
  }

  /** Fields whose quotes enclose whole fields; false (fields undefined) for anything else. */
  private boolean parseQuoted(String record) {
    fields.clear();
    int n = record.length();
    int i = 0;
    while (true) {
      if (i < n && record.charAt(i) == quote) {
        quoted.setLength(0);
        int j = i + 1;
        while (true) {
          int q = record.indexOf(quote, j);
          if (q < 0) {
            return false; // never closed
          }
          quoted.append(record, j, q);
          if (q + 1 < n && record.charAt(q + 1) == quote) {
            quoted.append((char) quote);
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        fields.add(quoted.toString());
        if (i == n) {
          return true;
        }
        if (record.charAt(i) != delimiter) {
          return false; // text after the closing quote
        }
      } else {
        int end = i;
        while (end < n && record.charAt(end) != delimiter) {
          if (record.charAt(end) == quote) {
            return false; // a quote inside an unquoted field
          }
          end++;
        }
        fields.add(record.substring(i, end));
        if (end == n) {
          return true;
        }
        i = end;
      }
      i++; // past the delimiter; a record ending in one ends in an empty field
      if (i == n) {
        fields.add("");
        return true;
      }
    }
  }

  List<String> parseWithCommonsCsv(String record) throws MalformedRecordException {
    fields.clear();
    try (CSVParser parser = CSVParser.parse(record, format)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new MalformedRecordException(
            "a line break outside quotes splits this into " + records.size() + " records");
      }
      for (String v : records.get(0)) {
        fields.add(v);
      }
      return fields;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new MalformedRecordException(describe(e));
    }
  }

  private static String describe(Exception e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    // Commons CSV prefixes its own "(line 1)" and position, which mean nothing for one record.
    return BLANKS.matcher(LINE_PREFIX.matcher(m).replaceFirst("")).replaceAll(" ");
  }

  private static final Pattern LINE_PREFIX = Pattern.compile("^\\(line \\d+\\) ");
  private static final Pattern BLANKS = Pattern.compile("\\s+");
}
