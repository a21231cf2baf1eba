package io.batchkit.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a column's value is found in a JSON record: object fields separated by dots, an array
 * element by its index in brackets, as in {@code user.address.city} or {@code items[0].sku}.
 *
 * @param steps a field name (String) or an array index (Integer) per step, from the record down
 * @param text the path as written
 */
public record JsonPath(List<Object> steps, String text) {
  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d{1,9}])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");

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
    for (String part : text.split("\\.", -1)) {
      Matcher m = STEP.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is not a path: write field names separated by dots and array elements as"
                + " [index], for example user.address.city or items[0].sku");
      }
      steps.add(m.group(1));
      Matcher i = INDEX.matcher(m.group(2));
      while (i.find()) {
        steps.add(Integer.parseInt(i.group(1)));
      }
    }
    return new JsonPath(List.copyOf(steps), text);
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
