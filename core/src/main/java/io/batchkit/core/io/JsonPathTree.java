package io.batchkit.core.io;

import io.batchkit.core.schema.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns' JSON paths merged into one tree, so that a record is read in one pass: a node per
 * field or array element that some column's path goes through, with the columns whose value it is.
 */
final class JsonPathTree {
  private static final int[] NONE = new int[0];

  private final Map<String, JsonPathTree> fields = new HashMap<>();
  private final Map<Integer, JsonPathTree> elements = new HashMap<>();
  private final List<Integer> columnList = new ArrayList<>();
  private int[] columns = NONE;
  private int[] inside = NONE;

  private JsonPathTree() {}

  static JsonPathTree of(List<Column> columns) {
    JsonPathTree root = new JsonPathTree();
    for (int c = 0; c < columns.size(); c++) {
      JsonPathTree node = root;
      for (Object step : columns.get(c).jsonPath().steps()) {
        node =
            step instanceof Integer i
                ? node.elements.computeIfAbsent(i, k -> new JsonPathTree())
                : node.fields.computeIfAbsent((String) step, k -> new JsonPathTree());
      }
      node.columnList.add(c);
    }
    root.freeze();
    return root;
  }

  /** Fixes the column arrays; returns the columns at and under this node. */
  private List<Integer> freeze() {
    List<Integer> under = new ArrayList<>();
    for (JsonPathTree child : fields.values()) {
      under.addAll(child.freeze());
    }
    for (JsonPathTree child : elements.values()) {
      under.addAll(child.freeze());
    }
    inside = under.stream().mapToInt(Integer::intValue).toArray();
    columns = columnList.stream().mapToInt(Integer::intValue).toArray();
    under.addAll(columnList);
    return under;
  }

  /** The columns whose value is this node's. */
  int[] columns() {
    return columns;
  }

  /** The columns whose path goes on below this node. */
  int[] inside() {
    return inside;
  }

  boolean isLeaf() {
    return inside.length == 0;
  }

  JsonPathTree field(String name) {
    return fields.get(name);
  }

  JsonPathTree element(int index) {
    return elements.get(index);
  }
}
