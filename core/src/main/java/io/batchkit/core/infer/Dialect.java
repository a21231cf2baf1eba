package io.batchkit.core.infer;

import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.CsvRecordSplitter;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.FormatSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * How a file is written, guessed from its first bytes as a crawler's classifier does: JSON objects
 * when it starts with one ({@link JsonShape}), else CSV: the encoding (UTF-8 when every byte
 * decodes, else windows-1252), the delimiter that splits most records into the same number of
 * fields, and whether the first record is a header (its values do not fit the types of the values
 * below them, or repeat none of them).
 */
public record Dialect(
    char delimiter,
    Character quote,
    boolean header,
    boolean byName,
    Charset encoding,
    List<String> names,
    JsonShape json) {

  static final char[] DELIMITERS = {',', ';', '\t', '|'};
  static final int SAMPLE = 500;

  public int columns() {
    return names.size();
  }

  /** CSV as guessed; JSON objects (read whole: {@code multiline} is for CSV only). */
  public FormatSpec format(boolean multiline) {
    return json != null
        ? FormatSpec.json(false, encoding)
        : FormatSpec.csv(delimiter, quote, null, header, multiline, encoding);
  }

  /** JSON records of this shape, UTF-8 as JSON is. */
  public static Dialect json(JsonShape shape) {
    return new Dialect(',', '"', false, false, StandardCharsets.UTF_8, shape.names(), shape);
  }

  /**
   * This CSV dialect with files whose headers differ (in order, or in the columns they hold) read
   * by name: {@code names} is every file's columns, the first file's first.
   */
  public Dialect byName(List<String> names) {
    return new Dialect(delimiter, quote, true, true, encoding, List.copyOf(names), null);
  }

  /**
   * Guesses the dialect from a file's first {@code length} bytes.
   *
   * @param complete whether they are the whole file (else the last, cut, line is ignored)
   * @param header null to guess, else whether the first record is a header
   */
  public static Dialect sniff(byte[] head, int length, boolean complete, Boolean header) {
    if (JsonShape.looksLikeJson(head, length)) {
      return json(JsonShape.sniff(head, length, complete));
    }
    int end = length;
    if (!complete) {
      while (end > 0 && head[end - 1] != '\n') {
        end--;
      }
    }
    Charset encoding = isUtf8(head, end) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    List<String> records = records(head, end, encoding);
    char best = ',';
    double bestScore = -1;
    for (char d : DELIMITERS) {
      double score = score(records, d, encoding);
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
    List<List<String>> rows = new ArrayList<>();
    CsvRecordParser parser =
        new CsvRecordParser(FormatSpec.csv(best, '"', null, false, true, encoding));
    for (String r : records) {
      try {
        rows.add(new ArrayList<>(parser.parse(r)));
      } catch (MalformedRecordException e) {
        // left out of the guess
      }
    }
    int columns = modalWidth(rows);
    boolean hasHeader = header != null ? header : looksLikeHeader(rows, columns);
    List<String> names = new ArrayList<>();
    if (hasHeader && !rows.isEmpty()) {
      List<String> first = new ArrayList<>(rows.get(0));
      while (first.size() < columns) {
        first.add("");
      }
      names = ColumnNames.unique(first);
    } else {
      for (int i = 1; i <= columns; i++) {
        names.add("col_" + i);
      }
    }
    return new Dialect(best, '"', hasHeader, false, encoding, names, null);
  }

  private static boolean isUtf8(byte[] b, int length) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static List<String> records(byte[] head, int length, Charset encoding) {
    List<String> out = new ArrayList<>();
    try {
      CsvRecordSplitter s =
          new CsvRecordSplitter(new ByteArrayInputStream(head, 0, length), '"', null, true);
      while (out.size() < SAMPLE && s.next()) {
        if (s.length() > 0) {
          out.add(new String(s.bytes(), 0, s.length(), encoding));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out;
  }

  /** The share of records split into the modal number of fields, 0 when that is one field. */
  private static double score(List<String> records, char d, Charset encoding) {
    CsvRecordParser parser =
        new CsvRecordParser(FormatSpec.csv(d, '"', null, false, true, encoding));
    Map<Integer, Integer> widths = new HashMap<>();
    for (String r : records) {
      try {
        widths.merge(parser.parse(r).size(), 1, Integer::sum);
      } catch (MalformedRecordException e) {
        widths.merge(-1, 1, Integer::sum);
      }
    }
    int mode = 1;
    int count = 0;
    for (Map.Entry<Integer, Integer> w : widths.entrySet()) {
      if (w.getValue() > count || (w.getValue() == count && w.getKey() > mode)) {
        mode = w.getKey();
        count = w.getValue();
      }
    }
    return mode <= 1 || records.isEmpty() ? 0 : (double) count / records.size();
  }

  private static int modalWidth(List<List<String>> rows) {
    Map<Integer, Integer> widths = new HashMap<>();
    rows.forEach(r -> widths.merge(r.size(), 1, Integer::sum));
    return widths.entrySet().stream()
        .max(
            Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(1);
  }

  /**
   * A header when its values do not fit the types of the values below them (a name above numbers or
   * dates), or, where every column is text, when its values are distinct, non-empty, none looks
   * like data and none occurs again below. An empty name is allowed over an empty column only (a
   * delimiter at the end of every line).
   */
  static boolean looksLikeHeader(List<List<String>> rows, int columns) {
    if (rows.isEmpty()) {
      return false;
    }
    List<String> first = rows.get(0);
    ColumnEvidence[] below = new ColumnEvidence[columns];
    for (int c = 0; c < columns; c++) {
      below[c] = new ColumnEvidence();
    }
    for (List<String> r : rows.subList(1, rows.size())) {
      if (r.size() == columns) {
        for (int c = 0; c < columns; c++) {
          below[c].add(r.get(c));
        }
      }
    }
    int votes = 0;
    boolean plausible = first.size() == columns;
    HashSet<String> names = new HashSet<>();
    for (int c = 0; c < Math.min(columns, first.size()); c++) {
      String f = first.get(c).strip();
      ColumnEvidence one = new ColumnEvidence();
      one.add(f);
      boolean data =
          one.values > 0
              && (one.fits[ColumnEvidence.DOUBLE] > 0 || one.codes > 0 || !one.notTemporal);
      // An unnamed column is plausible only over no values: a delimiter that ends every line.
      boolean unnamed = f.isEmpty() && below[c].values == 0 && rows.size() > 1;
      plausible &= (unnamed || !f.isEmpty() && names.add(f.toLowerCase())) && !data;
      String type = ColumnProposal.of("c", below[c], false, false).type();
      if (below[c].values == 0) {
        continue;
      }
      if (!type.equals("string")) {
        votes += data ? -1 : 1;
      } else if (below[c].distinct.containsKey(f)) {
        votes--;
      }
    }
    return plausible && votes >= 0;
  }
}
