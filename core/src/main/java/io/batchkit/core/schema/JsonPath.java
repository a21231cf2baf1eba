package io.batchkit.core.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a column's value is found in a JSON record: object fields separated by dots, an array
 * element by its index in brackets, as in {@code user.address.city} or {@code items[0].sku}. A
 * field whose name holds a dot, a bracket or a backtick is written in backticks, as Hive and Spark
 * quote such names ({@code `log.level`}, {@code http.`request.method`}), a backtick in it doubled:
 * log shippers write dotted names ({@code {"log.level": "info"}}) that are not nested objects.
 *
 * @param steps a field name (String) or an array index (Integer) per step, from the record down
 * @param text the path as written
 */
public record JsonPath(List<Object> steps, String text) {
  private static final int MAX_INDEX_DIGITS = 9;

  /** The field of the record named as the column is: a column's path when it gives none. */
  public static JsonPath field(String name) {
    return new JsonPath(List.of(name), name);
  }

  /**
   * Reads a path.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static JsonPath parse(String text) {
    List<Object> steps = new ArrayList<>();
    int i = -1; // before the first name, as at a dot
    do {
      i = name(text, i + 1, steps);
      while (i < text.length() && text.charAt(i) == '[') {
        i = index(text, i, steps);
      }
    } while (i < text.length() && text.charAt(i) == '.');
    if (i < text.length()) {
      throw notAPath(text);
    }
    return new JsonPath(List.copyOf(steps), text);
  }

  /** Reads the field name at {@code i} into {@code steps}; returns where it ends. */
  private static int name(String text, int i, List<Object> steps) {
    if (i < text.length() && text.charAt(i) == '`') {
      StringBuilder name = new StringBuilder();
      for (int j = i + 1; j < text.length(); j++) {
        char c = text.charAt(j);
        if (c != '`') {
          name.append(c);
        } else if (j + 1 < text.length() && text.charAt(j + 1) == '`') {
          name.append('`');
          j++;
        } else {
          steps.add(name.toString());
          return j + 1;
        }
      }
      throw notAPath(text); // no closing backtick
    }
    int end = i;
    while (end < text.length() && ".[]".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    if (end == i) {
      throw notAPath(text);
    }
    steps.add(text.substring(i, end));
    return end;
  }

  /** Reads {@code [digits]} at {@code i} into {@code steps}; returns where it ends. */
  private static int index(String text, int i, List<Object> steps) {
    int close = text.indexOf(']', i);
    int digits = close - i - 1;
    if (close < 0 || digits < 1 || digits > MAX_INDEX_DIGITS) {
      throw notAPath(text);
    }
    for (int j = i + 1; j < close; j++) {
      if (text.charAt(j) < '0' || text.charAt(j) > '9') {
        throw notAPath(text);
      }
    }
    steps.add(Integer.parseInt(text, i + 1, close, 10));
    return close + 1;
  }

  private static IllegalArgumentException notAPath(String text) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a path: write field names separated by dots and array elements as"
            + " [index], for example user.address.city or items[0].sku, and a name that holds a"
            + " dot, a bracket or a backtick in backticks, for example `log.level`");
  }

  /** A field name as a step of a path: in backticks when it holds a dot, a bracket or one. */
  public static String quote(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (".[]`".indexOf(name.charAt(i)) >= 0) {
        return "`" + name.replace("`", "``") + "`";
      }
    }
    return name.isEmpty() ? "``" : name;
  }

  /**
   * The path of the first {@code n} steps, each name quoted only where it must be: the same text
   * for the same steps, however the path was written.
   */
  public String canonical(int n) {
    StringBuilder sb = new StringBuilder();
    for (Object step : steps.subList(0, n)) {
      if (step instanceof Integer index) {
        sb.append('[').append(index).append(']');
      } else {
        sb.append(sb.isEmpty() ? "" : ".").append(quote((String) step));
      }
    }
    return sb.toString();
  }

  /** The whole path, each name quoted only where it must be ({@link #canonical(int)}). */
  public String canonical() {
    return canonical(steps.size());
  }

  /** Whether this path leads into {@code other}'s value (a strict prefix of it). */
  public boolean encloses(JsonPath other) {
    return other.steps.size() > steps.size() && other.steps.subList(0, steps.size()).equals(steps);
  }

  @Override
  public String toString() {
    return text;
  }
}
