package io.batchkit.mr.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.batchkit.core.infer.Dialect;
import io.batchkit.core.io.CsvRecordParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** A file read by its header: its records put in the proposal's order, and written back as CSV. */
class FilePositionsTest {
  static Dialect dialect(char delimiter, Character quote) {
    return new Dialect(delimiter, quote, true, false, StandardCharsets.UTF_8, List.of(), null)
        .byName(List.of("id", "name", "amount", "extra"));
  }

  @Test
  void aFilesColumnsComeInTheProposalsOrderAndAMissingOneIsEmpty() throws Exception {
    Dialect d = dialect(',', '"');
    CsvRecordParser parser = new CsvRecordParser(d.format(false));
    FilePositions moved = FilePositions.of(d.names(), parser, "Amount,ID,Name");
    assertEquals(List.of("1", "n", "2.50", ""), moved.columns(List.of("2.50", "1", "n")));
    assertNull(moved.columns(List.of("2.50", "1")), "another width than the header's");
    assertEquals(false, moved.inOrder());
    assertEquals(true, FilePositions.of(d.names(), parser, "id,name,amount,extra").inOrder());
  }

  /** Random values with delimiters, quotes, line breaks and blanks, read back by Commons CSV. */
  @Test
  void aRecordWrittenBackReadsAsItsValues() throws Exception {
    Random random = new Random(11);
    String alphabet = "ab,;\"' \n\r1";
    for (char delimiter : new char[] {',', ';', '\t', '|'}) {
      Dialect d = dialect(delimiter, '"');
      CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
      for (int round = 0; round < 500; round++) {
        List<String> values = new ArrayList<>();
        for (int c = 0, n = 2 + random.nextInt(4); c < n; c++) {
          StringBuilder v = new StringBuilder();
          for (int i = random.nextInt(6); i > 0; i--) {
            v.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          values.add(v.toString());
        }
        String line = FilePositions.line(values, d);
        List<CSVRecord> read = csv.parse(new StringReader(line)).getRecords();
        List<String> back = new ArrayList<>();
        read.get(0).forEach(back::add);
        assertEquals(1, read.size(), line);
        assertEquals(values, back, line);
      }
    }
    assertNull(FilePositions.line(List.of("a,b"), dialect(',', null)), "no quote to write it");
    assertEquals("a;b", FilePositions.line(List.of("a", "b"), dialect(';', null)));
  }
}
