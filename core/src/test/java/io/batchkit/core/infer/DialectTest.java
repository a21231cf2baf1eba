package io.batchkit.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.schema.ColumnNames;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialect guess and the header-name folding infer and the header check share. */
class DialectTest {
  static Dialect sniff(String text, Charset cs) {
    byte[] b = text.getBytes(cs);
    return Dialect.sniff(b, b.length, true, null);
  }

  @Test
  void foldsHeaderNamesIntoHiveSafeUniqueNames() {
    assertEquals("us_gross", ColumnNames.fold("US Gross"));
    assertEquals("running_time_min", ColumnNames.fold("Running Time min"));
    assertEquals("fine", ColumnNames.fold("Fine $"));
    assertEquals("amount_usd", ColumnNames.fold("  Amount ($USD) "));
    assertEquals("_2nd_try", ColumnNames.fold("2nd try"));
    assertEquals("a_b", ColumnNames.fold("a__b"));
    assertEquals(
        List.of("id", "col_2", "id_2", "name", "name_2"),
        ColumnNames.unique(List.of("ID", "", "id", "Name", "NAME")));
  }

  @Test
  void findsTheDelimiterTheHeaderAndTheEncoding() {
    Dialect d =
        sniff(
            "Name;Price €;When\nÄpfel;1,50;2024-01-01\nBirnen;2,00;2024-01-02\n",
            Charset.forName("windows-1252"));
    assertEquals(';', d.delimiter());
    assertTrue(d.header());
    assertEquals("windows-1252", d.encoding().name());
    assertEquals(List.of("name", "price", "when"), d.names());

    Dialect tabs = sniff("1\tx\t2.5\n2\ty\t3.5\n3\tz\t4.5\n", StandardCharsets.UTF_8);
    assertEquals('\t', tabs.delimiter());
    assertFalse(tabs.header(), "numbers in the first row are data");
    assertEquals(List.of("col_1", "col_2", "col_3"), tabs.names());

    Dialect pipes = sniff("a|b\n\"x|y\"|1\n\"multi\nline\"|2\n", StandardCharsets.UTF_8);
    assertEquals('|', pipes.delimiter());
    assertTrue(pipes.header());
    assertEquals(2, pipes.columns());
  }

  @Test
  void aFirstRowRepeatedBelowIsNoHeader() {
    Dialect d = sniff("red,big\nblue,small\nred,big\nblue,big\n", StandardCharsets.UTF_8);
    assertFalse(d.header());
  }

  @Test
  void aDelimiterEndingEveryLineLeavesAnUnnamedEmptyColumnUnderAHeader() {
    Dialect d =
        sniff("id,name,when,\n1,ann,2024-01-01,\n2,bob,2024-01-02,\n", StandardCharsets.UTF_8);
    assertTrue(d.header());
    assertEquals(List.of("id", "name", "when", "col_4"), d.names());
    // An empty name over values is no header's: the first row is data with a missing field.
    Dialect gap = sniff("ann,,x\nbob,b,y\ncid,c,z\n", StandardCharsets.UTF_8);
    assertFalse(gap.header());
    Dialect one = sniff("id,name,\n", StandardCharsets.UTF_8);
    assertFalse(one.header(), "no row below to show the column empty");
  }
}
