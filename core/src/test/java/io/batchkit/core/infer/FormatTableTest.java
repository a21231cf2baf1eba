package io.batchkit.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The committed table of date and timestamp formats ({@code infer/temporal-formats.tsv}): for each,
 * the test writes 40 values in that format (days 1 to 28 of every month, hours of the whole day,
 * years 2000 to 2030) and infer must propose exactly that pattern, format by format. Breaking the
 * recogniser on purpose (its unpadded candidates gone) fails it.
 */
class FormatTableTest {
  static List<String[]> table() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in =
        FormatTableTest.class.getResourceAsStream("/infer/temporal-formats.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
    }
    return rows;
  }

  /** What infer proposes for 40 values written in {@code pattern}, as "type [formats]". */
  static String proposed(String pattern, long seed) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.US);
    Random r = new Random(seed);
    ColumnEvidence e = new ColumnEvidence();
    for (int i = 0; i < 40; i++) {
      LocalDateTime t =
          LocalDateTime.of(
              2000 + r.nextInt(31),
              1 + i % 12,
              1 + r.nextInt(28),
              r.nextInt(24),
              r.nextInt(60),
              r.nextInt(60),
              r.nextInt(1000) * 1_000_000);
      e.add(f.format(t));
    }
    ColumnProposal p = ColumnProposal.of("c", e, false, false, false);
    return p.type() + " " + p.formats();
  }

  @Test
  void everyFormatOfTheTableIsProposedExactly() throws IOException {
    List<String[]> table = table();
    assertTrue(table.size() >= 40, "the table has " + table.size() + " formats");
    List<String> wrong = new ArrayList<>();
    for (String[] row : table) {
      String expected = row[0] + " [" + row[1] + "]";
      String written = row.length > 2 ? row[2] : row[1];
      String got = proposed(written, written.hashCode());
      if (!got.equals(expected)) {
        wrong.add(row[1] + " -> " + got);
      }
    }
    assertEquals(List.of(), wrong);
  }
}
