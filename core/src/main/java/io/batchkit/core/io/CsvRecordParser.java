package io.batchkit.core.io;

import io.batchkit.core.schema.CsvFormatSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits one record's text into fields, RFC 4180 style, with Apache Commons CSV.
 *
 * <p>A record with no quote or escape character has only one reading under RFC 4180: its fields are
 * the text between delimiters. Those records (the vast majority in practice) are split directly,
 * which avoids building a Commons CSV parser per record; {@code CsvRecordParserTest} checks that
 * both paths agree on generated input.
 */
public final class CsvRecordParser {
  private final CSVFormat format;
  private final char delimiter;
  private final int quote;
  private final int escape;
  private final ArrayList<String> fields = new ArrayList<>();

  public CsvRecordParser(CsvFormatSpec spec) {
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
    if (needsFullParser(record)) {
      return parseWithCommonsCsv(record);
    }
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

  private boolean needsFullParser(String record) {
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (c == quote || c == escape || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
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
    return m.replaceFirst("^\\(line \\d+\\) ", "").replaceAll("\\s+", " ");
  }
}
