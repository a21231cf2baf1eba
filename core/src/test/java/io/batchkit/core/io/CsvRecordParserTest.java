package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.schema.FormatSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvRecordParserTest {
  final CsvRecordParser parser = new CsvRecordParser(FormatSpec.DEFAULT);

  List<String> parse(String s) throws MalformedRecordException {
    return new ArrayList<>(parser.parse(s));
  }

  /**
   * The oracle: Commons CSV called here, configured as RFC 4180 says for the default format (comma,
   * double quote, no escape, nothing trimmed), its fields as a list, or "malformed" when it refuses
   * the text or reads other than one record from it.
   */
  static String commonsCsv(String record) {
    CSVFormat rfc4180 =
        CSVFormat.RFC4180
            .builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(false)
            .setTrim(false)
            .get();
    try (CSVParser p = CSVParser.parse(record, rfc4180)) {
      List<CSVRecord> records = p.getRecords();
      if (records.size() != 1) {
        return "malformed";
      }
      return new ArrayList<>(records.get(0).toList()).toString();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return "malformed";
    }
  }

  String ours(String record) {
    try {
      return new ArrayList<>(parser.parse(record)).toString();
    } catch (MalformedRecordException e) {
      return "malformed";
    }
  }

  @Test
  void splitsPlainRecords() throws Exception {
    assertEquals(List.of("a", "b", "c"), parse("a,b,c"));
    assertEquals(List.of("", "", ""), parse(",,"));
    assertEquals(List.of(""), parse(""));
    assertEquals(List.of(" a ", "b\\c"), parse(" a ,b\\c"), "blanks and backslashes are data");
  }

  @Test
  void readsQuotedFieldsAsRfc4180Says() throws Exception {
    assertEquals(List.of("a,b", "c"), parse("\"a,b\",c"));
    assertEquals(List.of("say \"hi\"", ""), parse("\"say \"\"hi\"\"\",\"\""));
    assertEquals(List.of("line1\nline2", "x"), parse("\"line1\nline2\",x"));
  }

  @Test
  void malformedRecordsAreReportedNotCrashed() {
    MalformedRecordException e =
        assertThrows(MalformedRecordException.class, () -> parse("\"quoted\"then,x"));
    assertTrue(e.getMessage().toLowerCase().contains("invalid char"), e.getMessage());
    assertThrows(MalformedRecordException.class, () -> parse("\"never closed,x"));
    assertThrows(MalformedRecordException.class, () -> parse("a\nb"));
  }

  @Test
  void otherDelimitersAndNoQuoting() throws Exception {
    CsvRecordParser tabs =
        new CsvRecordParser(FormatSpec.csv('\t', null, null, false, false, StandardCharsets.UTF_8));
    assertEquals(List.of("a\"b", "c"), new ArrayList<>(tabs.parse("a\"b\tc")));
  }

  @Test
  void fastPathAgreesWithCommonsCsvOnGeneratedRecords() {
    Random r = new Random(7);
    String alphabet = "ab ,;\\xé\t";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(30);
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String record = sb.toString();
      if (record.isEmpty()) {
        continue; // Commons CSV reads no record at all from "", we read one empty field
      }
      assertEquals(commonsCsv(record), ours(record), "record «" + record + "»");
    }
  }

  /** Quotes anywhere: both paths give the same fields, or both refuse the record. */
  @Test
  void quotedPathAgreesWithCommonsCsvOnGeneratedRecords() {
    Random r = new Random(11);
    String[] pieces = {"a", "b", " ", ",", "\"", "\"\"", "é", "x,y", "\t"};
    int quotedOk = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(12);
      for (int j = 0; j < n; j++) {
        String p = pieces[r.nextInt(pieces.length)];
        // Often a whole quoted field, so the quoted path has plenty of well-formed work.
        sb.append(r.nextInt(3) == 0 ? "\"" + p.replace("\"", "\"\"") + "\"" : p);
      }
      String record = sb.toString();
      String full = commonsCsv(record);
      assertEquals(full, ours(record), "record «" + record + "»");
      if (record.indexOf('"') >= 0 && !full.equals("malformed")) {
        quotedOk++;
      }
    }
    assertTrue(quotedOk > 5_000, "well-formed quoted records generated: " + quotedOk);
  }

  /**
   * Split from the bytes: only records of ASCII without quote or line break, and then the fields
   * Commons CSV reads from the decoded text.
   */
  @Test
  void bytePathTakesOnlyPlainAsciiRecordsAndAgreesWithCommonsCsv() {
    Random r = new Random(13);
    String[] pieces = {"a", "b", " ", ",", ",", "\"", "é", "\n", "\r", "\\", "\t", "7"};
    int taken = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(12);
      for (int j = 0; j < n; j++) {
        sb.append(pieces[r.nextInt(pieces.length)]);
      }
      String record = sb.toString();
      byte[] bytes = (record + "garbage after the record").getBytes(StandardCharsets.UTF_8);
      List<String> fields =
          parser.splitAscii(bytes, record.getBytes(StandardCharsets.UTF_8).length);
      boolean plainAscii =
          record.chars().allMatch(c -> c < 0x80 && c != '"' && c != '\n' && c != '\r');
      assertEquals(plainAscii, fields != null, "record «" + record + "»");
      if (fields != null) {
        assertEquals(
            commonsCsv(record), new ArrayList<>(fields).toString(), "record «" + record + "»");
        taken++;
      }
    }
    assertTrue(taken > 2_000, "records split from their bytes: " + taken);
  }
}
