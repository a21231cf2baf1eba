package io.batchkit.core.schema;

import static io.batchkit.core.schema.SchemaWriter.quote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A schema file with changes made in its own text ({@code infer --against --output}): a widened
 * column's type replaced where it is written, an added column appended to {@code columns:} in the
 * list's own style, everything else (comments, checks, order) as the author wrote it. The evidence
 * for each change goes in comments at the top.
 */
public final class SchemaPatch {
  private SchemaPatch() {}

  /** The file's text with {@code changes} made, and {@code header} lines as comments above. */
  public static String apply(
      byte[] yaml, String source, List<SchemaChange> changes, List<String> header) {
    String text = new String(yaml, StandardCharsets.UTF_8);
    Node root = SchemaParser.compose(yaml, source);
    SequenceNode columns = null;
    for (NodeTuple t : ((MappingNode) root).getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("columns")) {
        columns = (SequenceNode) t.getValueNode();
      }
    }
    if (columns == null || columns.getValue().isEmpty()) {
      throw new IllegalArgumentException(source + ": no columns to change");
    }
    // Edits from the end of the text backwards, so that earlier offsets stay right.
    List<int[]> spans = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    StringBuilder added = new StringBuilder();
    for (SchemaChange c : changes) {
      if (c.kind() == SchemaChange.Kind.WIDENED) {
        ScalarNode type = type(columns, c.column());
        if (type != null) {
          spans.add(
              new int[] {
                at(text, type.getStartMark().getIndex()), at(text, type.getEndMark().getIndex())
              });
          texts.add(quote(c.type()));
        }
      } else {
        added.append(item(c)).append('\u0000');
      }
    }
    if (added.length() > 0) {
      String[] items = added.toString().split("\u0000");
      if (columns.getFlowStyle() == FlowStyle.FLOW) {
        int close = at(text, columns.getEndMark().getIndex()) - 1; // the ']'
        spans.add(new int[] {close, close});
        texts.add(", " + String.join(", ", items));
      } else {
        Node last = columns.getValue().get(columns.getValue().size() - 1);
        int start = at(text, last.getStartMark().getIndex());
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        String prefix = text.substring(lineStart, start); // "  - "
        int end = text.indexOf('\n', at(text, lastScalarEnd(last)));
        end = end < 0 ? text.length() : end;
        StringBuilder lines = new StringBuilder();
        for (String item : items) {
          lines.append('\n').append(prefix).append(item);
        }
        spans.add(new int[] {end, end});
        texts.add(lines.toString());
      }
    }
    StringBuilder out = new StringBuilder(text);
    for (int i = spans.size() - 1; i >= 0; i--) {
      int best = i;
      for (int j = 0; j < i; j++) {
        if (spans.get(j)[0] > spans.get(best)[0]) {
          best = j;
        }
      }
      int[] span = spans.remove(best);
      out.replace(span[0], span[1], texts.remove(best));
    }
    StringBuilder head = new StringBuilder();
    for (String h : header) {
      head.append("# ").append(h).append('\n');
    }
    if (!text.isEmpty() && !text.endsWith("\n")) {
      out.append('\n');
    }
    return head + out.toString();
  }

  /** A flow mapping for an added column: its name, type and formats; nullable. */
  private static String item(SchemaChange c) {
    StringBuilder sb = new StringBuilder("{name: ").append(quote(c.column()));
    sb.append(", type: ").append(quote(c.type()));
    if (!c.formats().isEmpty()) {
      sb.append(", formats: [");
      for (int i = 0; i < c.formats().size(); i++) {
        sb.append(i > 0 ? ", " : "").append(quote(c.formats().get(i)));
      }
      sb.append(']');
    }
    return sb.append('}').toString();
  }

  /** The type scalar of the column of this name, or null. */
  private static ScalarNode type(SequenceNode columns, String name) {
    for (Node item : columns.getValue()) {
      if (!(item instanceof MappingNode m)) {
        continue;
      }
      Map<String, Node> keys = new java.util.HashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          keys.put(k.getValue(), t.getValueNode());
        }
      }
      if (keys.get("name") instanceof ScalarNode n
          && n.getValue().equals(name)
          && keys.get("type") instanceof ScalarNode type) {
        return type;
      }
    }
    return null;
  }

  /** Where the last scalar inside a node ends: a block mapping's own end mark may be a line on. */
  private static int lastScalarEnd(Node node) {
    int end = node.getEndMark().getIndex();
    if (node instanceof ScalarNode) {
      return end;
    }
    int last = node.getStartMark().getIndex();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        last = Math.max(last, lastScalarEnd(t.getValueNode()));
      }
    } else if (node instanceof SequenceNode s) {
      for (Node n : s.getValue()) {
        last = Math.max(last, lastScalarEnd(n));
      }
    }
    // A flow collection ends at its closing bracket, which is after its last scalar.
    boolean flow =
        node instanceof MappingNode m2 && m2.getFlowStyle() == FlowStyle.FLOW
            || node instanceof SequenceNode s2 && s2.getFlowStyle() == FlowStyle.FLOW;
    return flow ? end : last;
  }

  /** A mark's index (code points) as an index into the Java string. */
  private static int at(String text, int codePoints) {
    return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
  }
}
