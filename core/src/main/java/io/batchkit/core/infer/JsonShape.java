package io.batchkit.core.infer;

import io.batchkit.core.io.JsonRecordSplitter;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.JsonPath;
import io.batchkit.core.types.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of JSON records, found as a crawler finds them: every path to a value in the records
 * sampled, objects flattened ({@code user.address.city} becomes column {@code user_address_city}),
 * arrays (and paths that hold an object in one record and something else in another) kept whole as
 * JSON text. Also whether the records are one per line, so that files can be split.
 *
 * @param paths each column's path, in the order first seen
 * @param names each column's name: its path folded as header names are
 * @param text per column, whether its value is kept as JSON text ({@code json: true})
 * @param lines whether every record sampled sat alone on its line
 */
public record JsonShape(List<String> paths, List<String> names, List<Boolean> text, boolean lines) {
  /** Every path as a string column, as infer reads them before any type is known. */
  public List<Column> columns() {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      out.add(
          Column.builder(names.get(i), ColumnType.parse("string"))
              .path(JsonPath.parse(paths.get(i)))
              .json(text.get(i))
              .build());
    }
    return out;
  }

  /** Whether the bytes start (after blanks and a byte-order mark) with a JSON object. */
  public static boolean looksLikeJson(byte[] head, int length) {
    int i = blanks(head, length, length >= 3 && (head[0] & 0xFF) == 0xEF ? 3 : 0);
    if (i < length && head[i] == '[') {
      i = blanks(head, length, i + 1); // an array of objects, as exports write them
    }
    return i < length && head[i] == '{';
  }

  private static int blanks(byte[] head, int length, int i) {
    while (i < length
        && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) {
      i++;
    }
    return i;
  }

  /**
   * A file's first bytes.
   *
   * @param complete whether they are the whole file (else the last, cut, record is ignored)
   */
  public record Head(byte[] bytes, int length, boolean complete) {}

  /** The shape of the records in a file's first {@code length} bytes. */
  public static JsonShape sniff(byte[] head, int length, boolean complete) {
    return sniff(List.of(new Head(head, length, complete)));
  }

  /**
   * The shape of the records in the first bytes of several files: every path seen in any of them,
   * in the order first seen (the first file's first).
   */
  public static JsonShape sniff(List<Head> heads) {
    Map<String, int[]> seen = new LinkedHashMap<>(); // path -> {objects, other values, arrays}
    boolean lines = true;
    boolean any = false;
    for (Head head : heads) {
      List<String> records = records(head);
      any |= !records.isEmpty();
      for (int r = 0; r < records.size(); r++) {
        String record = records.get(r);
        String object = record.stripTrailing();
        if (object.isEmpty()) {
          continue;
        }
        boolean last = r == records.size() - 1;
        lines &= object.indexOf('\n') < 0 && (last || record.length() > object.length());
        try {
          JsonWalk.walk(object, counter(seen));
        } catch (IOException malformed) {
          // taught nothing; the job counts it when it reads the file
        }
      }
    }
    List<String> paths = new ArrayList<>();
    List<Boolean> text = new ArrayList<>();
    for (Map.Entry<String, int[]> e : seen.entrySet()) {
      int[] c = e.getValue();
      boolean leaf = c[1] > 0 || c[0] == 0;
      boolean insideLeaf =
          paths.stream()
              .anyMatch(p -> e.getKey().startsWith(p + ".") && text.get(paths.indexOf(p)));
      if (leaf && !insideLeaf) {
        paths.add(e.getKey());
        text.add(c[0] > 0 || c[2] > 0);
      }
    }
    List<String> names = ColumnNames.unique(paths.stream().map(p -> p.replace('.', '_')).toList());
    return new JsonShape(List.copyOf(paths), names, List.copyOf(text), lines && any);
  }

  /**
   * A head's records (objects with the blanks after them), without a cut last one; none on a line
   * of its own when the head is an array (its elements are not JSON Lines).
   */
  private static List<String> records(Head head) {
    List<String> records = new ArrayList<>();
    try {
      JsonRecordSplitter s =
          new JsonRecordSplitter(
              new ByteArrayInputStream(head.bytes(), 0, head.length()), Integer.MAX_VALUE);
      while (s.next()) {
        String record = new String(s.bytes(), 0, s.length(), StandardCharsets.UTF_8);
        records.add(s.array() ? record.strip() : record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    if (!head.complete() && !records.isEmpty()) {
      records.remove(records.size() - 1);
    }
    return records;
  }

  /** Counts, per path: {objects, scalars or arrays, arrays}; a null makes the path known. */
  private static JsonWalk.Visitor counter(Map<String, int[]> seen) {
    return new JsonWalk.Visitor() {
      @Override
      public boolean object(String path) {
        seen.computeIfAbsent(path, k -> new int[3])[0]++;
        return true;
      }

      @Override
      public void array(String path, String text) {
        int[] c = seen.computeIfAbsent(path, k -> new int[3]);
        c[1]++;
        c[2]++;
      }

      @Override
      public void value(String path, String text, boolean quoted) {
        int[] c = seen.computeIfAbsent(path, k -> new int[3]);
        if (text != null) {
          c[1]++;
        }
      }
    };
  }
}
