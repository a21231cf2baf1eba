package io.batchkit.core.schema;

import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.ParseFailure;
import io.batchkit.core.types.ValueParser;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one column of a schema: its type, its rules parsed to its type, its normalisations. */
final class ColumnParser {
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Set<String> COLUMN_KEYS =
      Set.of(
          "name",
          "type",
          "required",
          "allowed",
          "min",
          "max",
          "min_length",
          "max_length",
          "pattern",
          "formats",
          "timezone",
          "normalize",
          "pseudonymize",
          "path",
          "json",
          "description");

  private final YamlNodes y;

  ColumnParser(YamlNodes y) {
    this.y = y;
  }

  @SuppressWarnings("unchecked")
  Column column(Node node, String path, FormatSpec format) {
    Map<String, NodeTuple> m = y.mapping(node, path, COLUMN_KEYS);
    String name = y.requiredScalar(m, node, path, "name");
    if (!NAME.matcher(name).matches()) {
      throw y.error(
          m.get("name").getValueNode(),
          path + ".name",
          "'"
              + name
              + "' is not a valid column name (letters, digits, _; not starting with a digit)");
    }
    String where = path + " (" + name + ")";
    String typeText = y.requiredScalar(m, node, where, "type");
    ColumnType type;
    try {
      type = ColumnType.parse(typeText);
    } catch (IllegalArgumentException e) {
      throw y.error(m.get("type").getValueNode(), where + ".type", e.getMessage());
    }
    boolean required = m.containsKey("required") && y.bool(m.get("required"), where + ".required");

    List<String> formats = List.of();
    if (m.containsKey("formats")) {
      Node fn = m.get("formats").getValueNode();
      if (!type.isTemporal()) {
        throw y.error(fn, where + ".formats", "only date and timestamp columns take formats");
      }
      formats = new ArrayList<>();
      for (Node f : fn instanceof ScalarNode ? List.of(fn) : y.sequence(fn, where + ".formats")) {
        String pattern = y.scalar(f, where + ".formats");
        try {
          io.batchkit.core.types.TemporalFormats.check(pattern);
        } catch (IllegalArgumentException e) {
          throw y.error(
              f,
              where + ".formats",
              "bad pattern '" + pattern + "': " + YamlNodes.oneLine(e.getMessage()));
        }
        formats.add(pattern);
      }
      formats = List.copyOf(formats);
    }
    ZoneId zone = ZoneOffset.UTC;
    if (m.containsKey("timezone")) {
      Node zn = m.get("timezone").getValueNode();
      if (type.kind() != ColumnType.Kind.TIMESTAMP) {
        throw y.error(zn, where + ".timezone", "only timestamp columns take a timezone");
      }
      zone = y.zoneId(zn, where + ".timezone");
    }
    ValueParser parser = ValueParser.forType(type, formats, zone);
    if (type.isTemporal() && !formats.isEmpty()) {
      // Bounds and allowed values may also be written as ISO literals, as filters are, whatever
      // the formats the column's values arrive in.
      ValueParser own = parser;
      ValueParser iso = ValueParser.forType(type, List.of(), zone);
      parser = text -> own.parse(text) instanceof ParseFailure ? iso.parse(text) : own.parse(text);
    }

    Set<Object> allowed = null;
    if (m.containsKey("allowed")) {
      allowed = new LinkedHashSet<>();
      for (Node a : y.sequence(m.get("allowed").getValueNode(), where + ".allowed")) {
        allowed.add(constant(a, parser, type, where + ".allowed"));
      }
      allowed = Collections.unmodifiableSet(allowed);
    }
    Comparable<Object> min = null;
    Comparable<Object> max = null;
    if (m.containsKey("min") || m.containsKey("max")) {
      if (type.kind() == ColumnType.Kind.STRING || type.kind() == ColumnType.Kind.BOOLEAN) {
        String k = m.containsKey("min") ? "min" : "max";
        throw y.error(
            m.get(k).getKeyNode(),
            where + "." + k,
            "only numeric, date and timestamp columns take min/max; use min_length/max_length or allowed for "
                + type);
      }
      if (m.containsKey("min")) {
        min =
            (Comparable<Object>)
                constant(m.get("min").getValueNode(), parser, type, where + ".min");
      }
      if (m.containsKey("max")) {
        max =
            (Comparable<Object>)
                constant(m.get("max").getValueNode(), parser, type, where + ".max");
      }
      if (min != null && max != null && min.compareTo(max) > 0) {
        throw y.error(m.get("max").getValueNode(), where + ".max", "is less than min");
      }
    }
    Integer minLength = lengthKey(m, "min_length", type, where);
    Integer maxLength = lengthKey(m, "max_length", type, where);
    Pattern pattern = null;
    if (m.containsKey("pattern")) {
      Node pn = m.get("pattern").getValueNode();
      if (type.kind() != ColumnType.Kind.STRING) {
        throw y.error(pn, where + ".pattern", "only string columns take a pattern");
      }
      try {
        pattern = Pattern.compile(y.scalar(pn, where + ".pattern"));
      } catch (PatternSyntaxException e) {
        throw y.error(
            pn,
            where + ".pattern",
            "bad regular expression: " + YamlNodes.oneLine(e.getDescription()));
      }
    }
    List<Normalization> normalize = List.of();
    if (m.containsKey("normalize")) {
      Node nn = m.get("normalize").getValueNode();
      List<Normalization> ops = new ArrayList<>();
      for (Node op :
          nn instanceof ScalarNode ? List.of(nn) : y.sequence(nn, where + ".normalize")) {
        try {
          ops.add(Normalization.parse(y.scalar(op, where + ".normalize")));
        } catch (IllegalArgumentException e) {
          throw y.error(op, where + ".normalize", e.getMessage());
        }
      }
      normalize = List.copyOf(ops);
    }
    boolean pseudonymize =
        m.containsKey("pseudonymize") && y.bool(m.get("pseudonymize"), where + ".pseudonymize");
    if (pseudonymize && type.kind() != ColumnType.Kind.STRING) {
      throw y.error(
          m.get("pseudonymize").getKeyNode(),
          where + ".pseudonymize",
          "only string columns take pseudonymize (the pseudonym is 64 hex characters); declare "
              + name
              + " as string");
    }
    JsonPath jsonPath = null;
    if (m.containsKey("path")) {
      Node pn = m.get("path").getValueNode();
      onlyJson(format, m.get("path"), where + ".path");
      try {
        jsonPath = JsonPath.parse(y.scalar(pn, where + ".path"));
      } catch (IllegalArgumentException e) {
        throw y.error(pn, where + ".path", e.getMessage());
      }
    }
    boolean json = m.containsKey("json") && y.bool(m.get("json"), where + ".json");
    if (m.containsKey("json")) {
      onlyJson(format, m.get("json"), where + ".json");
      if (json && type.kind() != ColumnType.Kind.STRING) {
        throw y.error(
            m.get("json").getKeyNode(),
            where + ".json",
            "only string columns keep JSON text; declare " + name + " as string");
      }
    }
    return Column.builder(name, type)
        .required(required)
        .allowed(allowed)
        .min(min)
        .max(max)
        .minLength(minLength)
        .maxLength(maxLength)
        .pattern(pattern)
        .formats(formats)
        .timezone(zone)
        .normalize(normalize)
        .description(y.optionalScalar(m, "description"))
        .line(node.getStartMark().getLine() + 1)
        .pseudonymize(pseudonymize)
        .path(jsonPath)
        .json(json)
        .build();
  }

  private void onlyJson(FormatSpec format, NodeTuple key, String where) {
    if (!format.json()) {
      throw y.error(key.getKeyNode(), where, "applies to JSON records only (format: {type: json})");
    }
  }

  private Integer lengthKey(Map<String, NodeTuple> m, String key, ColumnType type, String where) {
    if (!m.containsKey(key)) {
      return null;
    }
    Node n = m.get(key).getValueNode();
    if (type.kind() != ColumnType.Kind.STRING) {
      throw y.error(n, where + "." + key, "only string columns take " + key);
    }
    String text = y.scalar(n, where + "." + key);
    try {
      int v = Integer.parseInt(text);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw y.error(n, where + "." + key, "'" + text + "' is not a non-negative whole number");
    }
  }

  private Object constant(Node n, ValueParser parser, ColumnType type, String key) {
    String text = y.scalar(n, key);
    Object v = parser.parse(text);
    if (v instanceof ParseFailure f) {
      String forms =
          !type.isTemporal()
              ? ""
              : "; write it as ISO "
                  + (type.kind() == ColumnType.Kind.DATE ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss")
                  + " or in the column's formats";
      throw y.error(
          n, key, "'" + text + "' is not a valid " + type + " value (" + f.id() + ")" + forms);
    }
    return v;
  }
}
