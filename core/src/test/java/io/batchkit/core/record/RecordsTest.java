package io.batchkit.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.io.CsvRecordSplitter;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The front end against hand-checked records: outcome, line, values or rules broken. */
class RecordsTest {
  static final String SCHEMA =
      String.join(
          "\n",
          "name: t",
          "format: {header: true, multiline: true}",
          "partition: {name: day, from: d, granularity: day}",
          "keys: [id]",
          "columns:",
          "  - {name: id, type: int, required: true}",
          "  - {name: note, type: string}",
          "  - {name: d, type: date}",
          "");

  static Schema schema(String yaml) {
    return SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "t.yaml");
  }

  /** Each record of a file as "outcome line [rule column...]". */
  static List<String> read(Records records, String file) throws IOException {
    CsvRecordSplitter s =
        new CsvRecordSplitter(
            new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), '"', null, true);
    // The splitter counts lines independently: the front end must agree with it.
    return read(records, s, s::line);
  }

  /** As above with any splitter; {@code line}, when given, is the line it says a record is on. */
  static List<String> read(
      Records records, io.batchkit.core.io.RecordSplitter s, java.util.function.LongSupplier line)
      throws IOException {
    List<String> out = new ArrayList<>();
    while (s.next()) {
      Outcome o = records.read(s.offset(), s.bytes(), s.length());
      StringBuilder sb = new StringBuilder(o + " " + records.line());
      if (line != null) {
        assertEquals(line.getAsLong(), records.line());
      }
      records
          .violations()
          .forEach(v -> sb.append(' ').append(v.rule().id()).append(' ').append(v.column()));
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void headerBlankValidInvalidAndLinesAcrossQuotedBreaks() throws IOException {
    RawRecords r = Records.raw(schema(SCHEMA), null);
    String file = "id,note,d\n1,\"two\nlines\",2024-01-31\n\n,x,2024-02-01\n3,y\n4,z,2024-13-01\n";
    assertEquals(
        List.of(
            "HEADER 1",
            "VALID 2",
            "BLANK 4",
            "INVALID 5 required id",
            "INVALID 6 field_count null",
            "INVALID 7 type d"),
        read(r, file));
    assertEquals(7, r.lines());
  }

  @Test
  void validRecordHasTypedValuesPartitionAndKey() {
    RawRecords r = Records.raw(schema(SCHEMA), null);
    byte[] b = "7,hi,2024-01-31".getBytes(StandardCharsets.UTF_8);
    assertEquals(Outcome.VALID, r.read(10, b, b.length));
    assertEquals(7, r.values()[0]);
    assertEquals("day=2024-01-31", r.partitionDir());
    assertEquals("7", new KeyColumns(r.schema()).text(r.values()));
  }

  @Test
  void invalidBytesAreAViolationButAValidReplacementCharIsNot() {
    RawRecords r = Records.raw(schema(SCHEMA), null);
    byte[] bad = {'1', ',', (byte) 0xC3, ',', '2', '0', '2', '4', '-', '0', '1', '-', '0', '1'};
    assertEquals(Outcome.INVALID, r.read(5, bad, bad.length));
    assertTrue(r.invalidBytes());
    assertEquals("encoding", r.violations().get(0).rule().id());
    byte[] ok = "1,\uFFFD,2024-01-01".getBytes(StandardCharsets.UTF_8);
    assertEquals(Outcome.VALID, r.read(6, ok, ok.length));
    assertFalse(r.invalidBytes());
    // Text already decoded (Hive) cannot tell the two apart: any U+FFFD is flagged.
    assertEquals(Outcome.INVALID, r.check("1,\uFFFD,2024-01-01"));
    assertEquals(Outcome.VALID, r.check("1,x,2024-01-01"));
  }

  @Test
  void pseudonymisedColumnsAreCheckedRawAndWrittenAsPseudonyms() {
    Schema s =
        schema(
            "name: p\ncolumns:\n  - {name: plate, type: string, pattern: '[A-Z0-9]+',"
                + " pseudonymize: true}\n  - {name: fine, type: int}\n");
    io.batchkit.core.privacy.Pseudonymizer key =
        new io.batchkit.core.privacy.Pseudonymizer("Jefe".toCharArray());
    RawRecords r = Records.raw(s, key);
    byte[] b = "AB12,50".getBytes(StandardCharsets.UTF_8);
    assertEquals(Outcome.VALID, r.read(9, b, b.length));
    assertEquals(io.batchkit.core.privacy.HmacReference.hex("Jefe", "AB12"), r.values()[0]);
    // The rule saw the raw value: a pseudonym (hex) would match [A-Z0-9]+ only by chance.
    byte[] bad = "ab-12,50".getBytes(StandardCharsets.UTF_8);
    assertEquals(Outcome.INVALID, r.read(20, bad, bad.length));
    assertEquals("pattern", r.violations().get(0).rule().id());
    assertThrows(IllegalArgumentException.class, () -> Records.raw(s, null));
    // Only checked (bk_record_violations): no key needed, values never shown.
    assertEquals(Outcome.VALID, Records.checker(s).check("AB12,50"));
  }

  @Test
  void datasetRowsAreDecodedNotChecked() {
    Records r = Records.of(schema(SCHEMA), false, null);
    byte[] row = "1\t\\N\t2024-01-31".getBytes(StandardCharsets.UTF_8);
    assertEquals(Outcome.VALID, r.read(0, row, row.length));
    assertEquals(null, r.values()[1]);
    // A row from before a column was added at the end reads NULL there, as Hive reads it.
    byte[] older = "1\tx".getBytes(StandardCharsets.UTF_8);
    assertEquals(Outcome.VALID, r.read(20, older, older.length));
    assertEquals(null, r.values()[2]);
    byte[] bad = "one\tx\t2024-01-31".getBytes(StandardCharsets.UTF_8);
    assertEquals(Outcome.INVALID, r.read(30, bad, bad.length));
    assertEquals("malformed", r.violations().get(0).rule().id());
    assertEquals(3, r.line());
  }
}
