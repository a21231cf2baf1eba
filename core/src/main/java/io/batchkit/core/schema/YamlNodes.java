package io.batchkit.core.schema;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reading SnakeYAML nodes of one schema file, every problem an error that names the file, line,
 * column and key at fault, with a "did you mean" for a misspelt key.
 */
final class YamlNodes {
  private final String source;

  YamlNodes(String source) {
    this.source = source;
  }

  Map<String, NodeTuple> mapping(Node node, String path, Set<String> allowedKeys) {
    if (!(node instanceof MappingNode mn)) {
      throw error(
          node, path.isEmpty() ? "(top level)" : path, "expected a mapping of keys to values");
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : mn.getValue()) {
      String key = scalar(t.getKeyNode(), path);
      String full = path.isEmpty() ? key : path + "." + key;
      if (!allowedKeys.contains(key)) {
        throw error(t.getKeyNode(), full, "unknown key" + suggestKey(key, allowedKeys));
      }
      if (out.put(key, t) != null) {
        throw error(t.getKeyNode(), full, "given twice; keep one");
      }
    }
    return out;
  }

  List<Node> sequence(Node node, String key) {
    if (node instanceof SequenceNode sn) {
      return sn.getValue();
    }
    throw error(node, key, "expected a list, like [a, b]");
  }

  String scalar(Node node, String key) {
    if (node instanceof ScalarNode sn) {
      return sn.getValue();
    }
    throw error(
        node,
        key,
        "expected a single value, not a " + (node instanceof SequenceNode ? "list" : "mapping"));
  }

  String requiredScalar(Map<String, NodeTuple> m, Node parent, String path, String key) {
    NodeTuple t = m.get(key);
    String full = path.isEmpty() ? key : path + "." + key;
    if (t == null) {
      throw error(parent, full, "missing");
    }
    String v = scalar(t.getValueNode(), full);
    if (v.isBlank()) {
      throw error(t.getValueNode(), full, "must not be empty");
    }
    return v;
  }

  String optionalScalar(Map<String, NodeTuple> m, String key) {
    NodeTuple t = m.get(key);
    return t == null ? null : scalar(t.getValueNode(), key);
  }

  boolean bool(NodeTuple t, String key) {
    String v = scalar(t.getValueNode(), key);
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(t.getValueNode(), key, "'" + v + "' is not true or false");
    };
  }

  char singleChar(NodeTuple t, String key, boolean allowEmpty) {
    String v = scalar(t.getValueNode(), key);
    if (v.length() != 1) {
      throw error(
          t.getValueNode(),
          key,
          "must be exactly one character, got '"
              + v
              + "'"
              + (allowEmpty ? "" : " (write a tab as \"\\t\")"));
    }
    return v.charAt(0);
  }

  Character optionalChar(NodeTuple t, String key) {
    String v = scalar(t.getValueNode(), key);
    if (v.isEmpty() || v.equals("null") || v.equals("~")) {
      return null;
    }
    return singleChar(t, key, true);
  }

  ZoneId zoneId(Node n, String key) {
    String text = scalar(n, key);
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw error(
          n,
          key,
          "unknown timezone '" + text + "' (use a region such as America/New_York, or UTC)");
    }
  }

  SchemaException error(Node node, String key, String problem) {
    Mark m = node == null ? null : node.getStartMark();
    return SchemaException.at(
        source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, key, problem);
  }

  static String suggest(String name, List<Column> columns) {
    return suggestKey(name, columns.stream().map(Column::name).toList());
  }

  static String suggestKey(String key, java.util.Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d =
          distance(key.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best != null && bestDistance <= Math.max(2, key.length() / 3)) {
      return "; did you mean '" + best + "'?";
    }
    List<String> sorted = new ArrayList<>(candidates);
    Collections.sort(sorted);
    return " (expected one of " + String.join(", ", sorted) + ")";
  }

  /** Levenshtein distance, for "did you mean" hints. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
