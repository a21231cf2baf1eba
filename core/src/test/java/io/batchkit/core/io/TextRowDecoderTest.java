package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchkit.core.types.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextRowDecoderTest {
  static final List<ColumnType> TYPES =
      List.of(
          ColumnType.parse("string"),
          ColumnType.parse("int"),
          ColumnType.parse("bigint"),
          ColumnType.parse("double"),
          ColumnType.parse("decimal(10,2)"),
          ColumnType.parse("boolean"),
          ColumnType.parse("date"),
          ColumnType.parse("timestamp"));

  @Test
  void readsWhatRowFormatTextWrites() throws Exception {
    Random r = new Random(7);
    String alphabet = "ab\t\\\n\rN \u00e9\u4e2d";
    TextRowDecoder decoder = new TextRowDecoder(TYPES);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int j = r.nextInt(6); j > 0; j--) {
        s.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      Object[] row = {
        r.nextInt(5) == 0 ? null : (r.nextInt(9) == 0 ? "\\N" : s.toString()),
        r.nextInt(5) == 0 ? null : r.nextInt(),
        r.nextLong(),
        r.nextInt(5) == 0 ? null : r.nextGaussian() * 1e6,
        BigDecimal.valueOf(r.nextInt(1_000_000), 2),
        r.nextBoolean(),
        LocalDate.ofEpochDay(r.nextInt(40_000)),
        LocalDateTime.of(2024, 1, 1, 0, 0)
            .plusNanos(r.nextLong(1L << 50))
            .withNano(r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000_000))
      };
      StringBuilder line = new StringBuilder();
      RowFormat.TEXT.append(row, line);
      Object[] back = new Object[TYPES.size()];
      decoder.decode(line, back);
      assertArrayEquals(row, back, line.toString());
    }
  }

  @Test
  void tellsAWrongFieldCountOrANonCanonicalValue() throws Exception {
    TextRowDecoder decoder =
        new TextRowDecoder(List.of(ColumnType.parse("int"), ColumnType.parse("string")));
    Object[] v = new Object[2];
    assertEquals(
        "expected 2 tab-separated fields, found 1",
        assertThrows(MalformedRecordException.class, () -> decoder.decode("1", v)).getMessage());
    assertThrows(MalformedRecordException.class, () -> decoder.decode("1\ta\tb", v));
    // Rows written before columns were added at the end read NULL there, as Hive reads them.
    TextRowDecoder older =
        new TextRowDecoder(
            List.of(ColumnType.parse("int"), ColumnType.parse("string"), ColumnType.parse("date")),
            1);
    Object[] w = {null, "stale", "stale"};
    older.decode("7", w);
    assertEquals(Arrays.asList(7, null, null), Arrays.asList(w));
    older.decode("7\t\\N\t2024-01-02", w);
    assertEquals(Arrays.asList(7, null, LocalDate.of(2024, 1, 2)), Arrays.asList(w));
    assertEquals(
        "field 1 ('x') is not a canonical int",
        assertThrows(MalformedRecordException.class, () -> decoder.decode("x\ta", v)).getMessage());
  }

  @Test
  void anEscapedTabIsData() throws Exception {
    Object[] v = new Object[2];
    new TextRowDecoder(List.of(ColumnType.parse("string"), ColumnType.parse("string")))
        .decode("a\\\tb\t\\N", v);
    assertArrayEquals(new Object[] {"a\tb", null}, v);
  }
}
