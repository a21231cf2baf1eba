package io.batchkit.core.schema;

import io.batchkit.core.types.ColumnType;
import io.batchkit.core.types.ParseFailure;
import io.batchkit.core.types.ValueParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a dataset schema from YAML. Works on SnakeYAML's node tree rather than on plain maps so
 * that every problem is reported with the file, line and column of the key at fault. Unknown keys
 * are errors: a misspelt {@code requried: true} must not pass silently.
 */
public final class SchemaParser {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> TOP_KEYS =
      Set.of("name", "description", "format", "nulls", "columns", "keys", "partition");
  private static final Set<String> FORMAT_KEYS =
      Set.of("delimiter", "quote", "escape", "header", "multiline", "encoding");
  private static final Set<String> COLUMN_KEYS =
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
          "description");
  private static final Set<String> PARTITION_KEYS =
      Set.of("name", "from", "granularity", "timezone");

  private final String source;

  private SchemaParser(String source) {
    this.source = source;
  }

  /** Loads a schema file. */
  public static Schema parse(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SchemaException(
          "schema "
              + file
              + ": cannot read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
    return parse(bytes, file.toString());
  }

  /** Loads a schema from a stream (for example, from HDFS). */
  public static Schema parse(InputStream in, String source) throws IOException {
    return parse(in.readAllBytes(), source);
  }

  /** Loads a schema from the bytes of its file; {@code source} names it in messages. */
  public static Schema parse(byte[] bytes, String source) {
    SchemaParser p = new SchemaParser(source);
    Node root;
    try (Reader r =
        new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).compose(r);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw SchemaException.at(
          source,
          m == null ? 0 : m.getLine() + 1,
          m == null ? 0 : m.getColumn() + 1,
          null,
          "not valid YAML: " + oneLine(problem));
    } catch (YAMLException | IOException e) {
      throw SchemaException.at(source, 0, 0, null, "not valid YAML: " + oneLine(e.getMessage()));
    }
    if (root == null) {
      throw SchemaException.at(
          source, 1, 1, null, "the file is empty; a schema needs at least name and columns");
    }
    return p.schema(root, sha256(bytes));
  }

  private Schema schema(Node root, String sha) {
    Map<String, NodeTuple> top = mapping(root, "", TOP_KEYS);
    String name = requiredScalar(top, root, "", "name");
    if (!NAME.matcher(name).matches()) {
      throw error(
          top.get("name").getValueNode(),
          "name",
          "'" + name + "' is not a valid dataset name (letters, digits, _)");
    }
    String description = optionalScalar(top, "description");
    CsvFormatSpec format = format(top.get("format"));
    Set<String> nulls = nulls(top.get("nulls"));
    NodeTuple columnsTuple = top.get("columns");
    if (columnsTuple == null) {
      throw error(root, "columns", "missing; a schema must list its columns");
    }
    List<Column> columns = columns(columnsTuple.getValueNode());
    List<String> keys = keys(top.get("keys"), columns);
    PartitionSpec partition = partition(top.get("partition"), columns);
    return new Schema(
        name,
        description,
        format,
        Collections.unmodifiableSet(nulls),
        List.copyOf(columns),
        List.copyOf(keys),
        partition,
        sha,
        source);
  }

  private CsvFormatSpec format(NodeTuple tuple) {
    CsvFormatSpec d = CsvFormatSpec.DEFAULT;
    if (tuple == null) {
      return d;
    }
    Map<String, NodeTuple> m = mapping(tuple.getValueNode(), "format", FORMAT_KEYS);
    char delimiter = d.delimiter();
    if (m.containsKey("delimiter")) {
      delimiter = singleChar(m.get("delimiter"), "format.delimiter", false);
    }
    Character quote = d.quote();
    if (m.containsKey("quote")) {
      quote = optionalChar(m.get("quote"), "format.quote");
    }
    Character escape = null;
    if (m.containsKey("escape")) {
      escape = optionalChar(m.get("escape"), "format.escape");
    }
    boolean header = m.containsKey("header") ? bool(m.get("header"), "format.header") : d.header();
    boolean multiline =
        m.containsKey("multiline") ? bool(m.get("multiline"), "format.multiline") : d.multiline();
    Charset encoding = d.encoding();
    if (m.containsKey("encoding")) {
      Node v = m.get("encoding").getValueNode();
      String text = scalar(v, "format.encoding");
      try {
        encoding = Charset.forName(text);
      } catch (IllegalArgumentException e) {
        throw error(v, "format.encoding", "unknown character set '" + text + "'");
      }
      // Records are split on '\n' and the quote byte before decoding; that needs ASCII bytes to
      // mean ASCII characters, which UTF-16/32 and EBCDIC do not give.
      byte[] probe = "\n\",;\t|".getBytes(encoding);
      if (!new String(probe, StandardCharsets.US_ASCII).equals("\n\",;\t|")) {
        throw error(
            v,
            "format.encoding",
            "'" + text + "' is not ASCII-compatible; convert the files to UTF-8 first");
      }
    }
    if (quote != null && quote == delimiter) {
      throw error(m.get("quote").getValueNode(), "format.quote", "must differ from the delimiter");
    }
    if (delimiter == '\n' || delimiter == '\r') {
      throw error(m.get("delimiter").getValueNode(), "format.delimiter", "cannot be a line break");
    }
    return new CsvFormatSpec(delimiter, quote, escape, header, multiline, encoding);
  }

  private Set<String> nulls(NodeTuple tuple) {
    if (tuple == null) {
      return Set.of("");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Node n : sequence(tuple.getValueNode(), "nulls")) {
      out.add(scalar(n, "nulls"));
    }
    return out;
  }

  private List<Column> columns(Node node) {
    List<Node> items = sequence(node, "columns");
    if (items.isEmpty()) {
      throw error(node, "columns", "is empty; a schema needs at least one column");
    }
    List<Column> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Column c = column(items.get(i), "columns[" + i + "]");
      if (!seen.add(c.name().toLowerCase(java.util.Locale.ROOT))) {
        // Hive column names are case-insensitive, so Fare and fare would collide there.
        throw error(items.get(i), "columns[" + i + "].name", "duplicate column '" + c.name() + "'");
      }
      out.add(c);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Column column(Node node, String path) {
    Map<String, NodeTuple> m = mapping(node, path, COLUMN_KEYS);
    String name = requiredScalar(m, node, path, "name");
    if (!NAME.matcher(name).matches()) {
      throw error(
          m.get("name").getValueNode(),
          path + ".name",
          "'"
              + name
              + "' is not a valid column name (letters, digits, _; not starting with a digit)");
    }
    String where = path + " (" + name + ")";
    String typeText = requiredScalar(m, node, where, "type");
    ColumnType type;
    try {
      type = ColumnType.parse(typeText);
    } catch (IllegalArgumentException e) {
      throw error(m.get("type").getValueNode(), where + ".type", e.getMessage());
    }
    boolean required = m.containsKey("required") && bool(m.get("required"), where + ".required");

    List<String> formats = List.of();
    if (m.containsKey("formats")) {
      Node fn = m.get("formats").getValueNode();
      if (!type.isTemporal()) {
        throw error(fn, where + ".formats", "only date and timestamp columns take formats");
      }
      formats = new ArrayList<>();
      for (Node f : fn instanceof ScalarNode ? List.of(fn) : sequence(fn, where + ".formats")) {
        String pattern = scalar(f, where + ".formats");
        try {
          io.batchkit.core.types.TemporalFormats.check(pattern);
        } catch (IllegalArgumentException e) {
          throw error(
              f, where + ".formats", "bad pattern '" + pattern + "': " + oneLine(e.getMessage()));
        }
        formats.add(pattern);
      }
      formats = List.copyOf(formats);
    }
    ZoneId zone = ZoneOffset.UTC;
    if (m.containsKey("timezone")) {
      Node zn = m.get("timezone").getValueNode();
      if (type.kind() != ColumnType.Kind.TIMESTAMP) {
        throw error(zn, where + ".timezone", "only timestamp columns take a timezone");
      }
      zone = zoneId(zn, where + ".timezone");
    }
    ValueParser parser = ValueParser.forType(type, formats, zone);

    Set<Object> allowed = null;
    if (m.containsKey("allowed")) {
      allowed = new LinkedHashSet<>();
      for (Node a : sequence(m.get("allowed").getValueNode(), where + ".allowed")) {
        allowed.add(constant(a, parser, type, where + ".allowed"));
      }
      allowed = Collections.unmodifiableSet(allowed);
    }
    Comparable<Object> min = null;
    Comparable<Object> max = null;
    if (m.containsKey("min") || m.containsKey("max")) {
      if (type.kind() == ColumnType.Kind.STRING || type.kind() == ColumnType.Kind.BOOLEAN) {
        String k = m.containsKey("min") ? "min" : "max";
        throw error(
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
        throw error(m.get("max").getValueNode(), where + ".max", "is less than min");
      }
    }
    Integer minLength = lengthKey(m, "min_length", type, where);
    Integer maxLength = lengthKey(m, "max_length", type, where);
    Pattern pattern = null;
    if (m.containsKey("pattern")) {
      Node pn = m.get("pattern").getValueNode();
      if (type.kind() != ColumnType.Kind.STRING) {
        throw error(pn, where + ".pattern", "only string columns take a pattern");
      }
      try {
        pattern = Pattern.compile(scalar(pn, where + ".pattern"));
      } catch (PatternSyntaxException e) {
        throw error(
            pn, where + ".pattern", "bad regular expression: " + oneLine(e.getDescription()));
      }
    }
    List<Normalization> normalize = List.of();
    if (m.containsKey("normalize")) {
      Node nn = m.get("normalize").getValueNode();
      List<Normalization> ops = new ArrayList<>();
      for (Node op : nn instanceof ScalarNode ? List.of(nn) : sequence(nn, where + ".normalize")) {
        try {
          ops.add(Normalization.parse(scalar(op, where + ".normalize")));
        } catch (IllegalArgumentException e) {
          throw error(op, where + ".normalize", e.getMessage());
        }
      }
      normalize = List.copyOf(ops);
    }
    return new Column(
        name,
        type,
        required,
        allowed,
        min,
        max,
        minLength,
        maxLength,
        pattern,
        formats,
        zone,
        normalize,
        optionalScalar(m, "description"),
        node.getStartMark().getLine() + 1);
  }

  private Integer lengthKey(Map<String, NodeTuple> m, String key, ColumnType type, String where) {
    if (!m.containsKey(key)) {
      return null;
    }
    Node n = m.get(key).getValueNode();
    if (type.kind() != ColumnType.Kind.STRING) {
      throw error(n, where + "." + key, "only string columns take " + key);
    }
    String text = scalar(n, where + "." + key);
    try {
      int v = Integer.parseInt(text);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(n, where + "." + key, "'" + text + "' is not a non-negative whole number");
    }
  }

  private Object constant(Node n, ValueParser parser, ColumnType type, String key) {
    String text = scalar(n, key);
    Object v = parser.parse(text);
    if (v instanceof ParseFailure f) {
      throw error(n, key, "'" + text + "' is not a valid " + type + " value (" + f.id() + ")");
    }
    return v;
  }

  private List<String> keys(NodeTuple tuple, List<Column> columns) {
    if (tuple == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node n : sequence(tuple.getValueNode(), "keys")) {
      String k = scalar(n, "keys");
      if (columns.stream().noneMatch(c -> c.name().equals(k))) {
        throw error(n, "keys", "'" + k + "' is not a column" + suggest(k, columns));
      }
      if (out.contains(k)) {
        throw error(n, "keys", "'" + k + "' is listed twice");
      }
      out.add(k);
    }
    return out;
  }

  private PartitionSpec partition(NodeTuple tuple, List<Column> columns) {
    if (tuple == null) {
      return null;
    }
    Node node = tuple.getValueNode();
    Map<String, NodeTuple> m = mapping(node, "partition", PARTITION_KEYS);
    String name = requiredScalar(m, node, "partition", "name");
    if (!NAME.matcher(name).matches()) {
      throw error(
          m.get("name").getValueNode(),
          "partition.name",
          "'" + name + "' is not a valid column name");
    }
    if (columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(name))) {
      throw error(
          m.get("name").getValueNode(),
          "partition.name",
          "'" + name + "' is also a column; Hive needs partition columns to be distinct");
    }
    String from = requiredScalar(m, node, "partition", "from");
    Column source = columns.stream().filter(c -> c.name().equals(from)).findFirst().orElse(null);
    if (source == null) {
      throw error(
          m.get("from").getValueNode(),
          "partition.from",
          "'" + from + "' is not a column" + suggest(from, columns));
    }
    PartitionSpec.Granularity g;
    if (m.containsKey("granularity")) {
      Node gn = m.get("granularity").getValueNode();
      try {
        g = PartitionSpec.Granularity.parse(scalar(gn, "partition.granularity"));
      } catch (IllegalArgumentException e) {
        throw error(gn, "partition.granularity", e.getMessage());
      }
      if (g != PartitionSpec.Granularity.IDENTITY && !source.type().isTemporal()) {
        throw error(
            gn,
            "partition.granularity",
            "'"
                + from
                + "' is "
                + source.type()
                + "; only date and timestamp columns can be truncated");
      }
      if (g == PartitionSpec.Granularity.HOUR
          && source.type().kind() != ColumnType.Kind.TIMESTAMP) {
        throw error(gn, "partition.granularity", "hour needs a timestamp column");
      }
    } else {
      g =
          source.type().isTemporal()
              ? PartitionSpec.Granularity.DAY
              : PartitionSpec.Granularity.IDENTITY;
    }
    ZoneId zone = ZoneOffset.UTC;
    if (m.containsKey("timezone")) {
      zone = zoneId(m.get("timezone").getValueNode(), "partition.timezone");
    }
    return new PartitionSpec(name, from, g, zone);
  }

  // ---- node helpers ----

  private Map<String, NodeTuple> mapping(Node node, String path, Set<String> allowedKeys) {
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

  private List<Node> sequence(Node node, String key) {
    if (node instanceof SequenceNode sn) {
      return sn.getValue();
    }
    throw error(node, key, "expected a list, like [a, b]");
  }

  private String scalar(Node node, String key) {
    if (node instanceof ScalarNode sn) {
      return sn.getValue();
    }
    throw error(
        node,
        key,
        "expected a single value, not a " + (node instanceof SequenceNode ? "list" : "mapping"));
  }

  private String requiredScalar(Map<String, NodeTuple> m, Node parent, String path, String key) {
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

  private String optionalScalar(Map<String, NodeTuple> m, String key) {
    NodeTuple t = m.get(key);
    return t == null ? null : scalar(t.getValueNode(), key);
  }

  private boolean bool(NodeTuple t, String key) {
    String v = scalar(t.getValueNode(), key);
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(t.getValueNode(), key, "'" + v + "' is not true or false");
    };
  }

  private char singleChar(NodeTuple t, String key, boolean allowEmpty) {
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

  private Character optionalChar(NodeTuple t, String key) {
    String v = scalar(t.getValueNode(), key);
    if (v.isEmpty() || v.equals("null") || v.equals("~")) {
      return null;
    }
    return singleChar(t, key, true);
  }

  private ZoneId zoneId(Node n, String key) {
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

  private SchemaException error(Node node, String key, String problem) {
    Mark m = node == null ? null : node.getStartMark();
    return SchemaException.at(
        source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, key, problem);
  }

  private static String suggest(String name, List<Column> columns) {
    return suggestKey(name, columns.stream().map(Column::name).toList());
  }

  private static String suggestKey(String key, java.util.Collection<String> candidates) {
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
  private static int distance(String a, String b) {
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

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
