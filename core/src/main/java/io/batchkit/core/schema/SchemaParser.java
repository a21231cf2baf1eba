package io.batchkit.core.schema;

import io.batchkit.core.types.ColumnType;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a dataset schema from YAML. Works on SnakeYAML's node tree rather than on plain maps so
 * that every problem is reported with the file, line and column of the key at fault. Unknown keys
 * are errors: a misspelt {@code requried: true} must not pass silently.
 */
public final class SchemaParser {

  static final Set<String> TOP_KEYS =
      Set.of(
          "name",
          "description",
          "format",
          "nulls",
          "columns",
          "keys",
          "partition",
          "checks",
          "schema_changes");
  private static final Set<String> FORMAT_KEYS =
      Set.of("type", "delimiter", "quote", "escape", "header", "multiline", "encoding", "lines");
  private static final Set<String> CSV_ONLY =
      Set.of("delimiter", "quote", "escape", "header", "multiline");
  private static final Set<String> PARTITION_KEYS =
      Set.of("name", "from", "granularity", "timezone");

  private final String source;
  private final YamlNodes y;
  private final ColumnParser columnParser;

  private SchemaParser(String source) {
    this.source = source;
    this.y = new YamlNodes(source);
    this.columnParser = new ColumnParser(y);
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

  /** The YAML node tree of a file's bytes (null when empty); syntax errors name line and column. */
  static Node compose(byte[] bytes, String source) {
    try (Reader r =
        new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      return new Yaml(new SafeConstructor(options)).compose(r);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw SchemaException.at(
          source,
          m == null ? 0 : m.getLine() + 1,
          m == null ? 0 : m.getColumn() + 1,
          null,
          "not valid YAML: " + YamlNodes.oneLine(problem));
    } catch (YAMLException | IOException e) {
      throw SchemaException.at(
          source, 0, 0, null, "not valid YAML: " + YamlNodes.oneLine(e.getMessage()));
    }
  }

  /** Loads a schema from the bytes of its file; {@code source} names it in messages. */
  public static Schema parse(byte[] bytes, String source) {
    SchemaParser p = new SchemaParser(source);
    Node root = compose(bytes, source);
    if (root == null) {
      throw SchemaException.at(
          source, 1, 1, null, "the file is empty; a schema needs at least name and columns");
    }
    return p.schema(root, sha256(bytes));
  }

  private Schema schema(Node root, String sha) {
    Map<String, NodeTuple> top = y.mapping(root, "", TOP_KEYS);
    String name = y.requiredScalar(top, root, "", "name");
    if (!ColumnParser.NAME.matcher(name).matches()) {
      throw y.error(
          top.get("name").getValueNode(),
          "name",
          "'" + name + "' is not a valid dataset name (letters, digits, _)");
    }
    String description = y.optionalScalar(top, "description");
    FormatSpec format = format(top.get("format"));
    Set<String> nulls = nulls(top.get("nulls"));
    NodeTuple columnsTuple = top.get("columns");
    if (columnsTuple == null) {
      throw y.error(root, "columns", "missing; a schema must list its columns");
    }
    List<Column> columns = columns(columnsTuple.getValueNode(), format);
    List<String> keys = keys(top.get("keys"), columns);
    PartitionSpec partition = partition(top.get("partition"), columns);
    if (top.containsKey("checks")) {
      ChecksParser.validate(source, top.get("checks").getValueNode(), columns);
    }
    return new Schema(
            name,
            description,
            format,
            Collections.unmodifiableSet(nulls),
            List.copyOf(columns),
            List.copyOf(keys),
            partition,
            sha,
            source)
        .withSchemaChanges(schemaChanges(top.get("schema_changes"), format));
  }

  private SchemaChanges schemaChanges(NodeTuple tuple, FormatSpec format) {
    if (tuple == null) {
      return SchemaChanges.FAIL;
    }
    Node v = tuple.getValueNode();
    String text = y.scalar(v, "schema_changes");
    SchemaChanges policy = SchemaChanges.of(text);
    if (policy == null) {
      throw y.error(
          v, "schema_changes", "'" + text + "' is not a policy; use fail, add_columns or ignore");
    }
    if (policy != SchemaChanges.FAIL && !format.header() && !format.json()) {
      throw y.error(
          v,
          "schema_changes",
          policy.key()
              + " knows a file's columns by their header's names: the files need a header"
              + " (format: {header: by_name})");
    }
    return policy;
  }

  private FormatSpec format(NodeTuple tuple) {
    FormatSpec d = FormatSpec.DEFAULT;
    if (tuple == null) {
      return d;
    }
    Map<String, NodeTuple> m = y.mapping(tuple.getValueNode(), "format", FORMAT_KEYS);
    boolean json = false;
    if (m.containsKey("type")) {
      Node t = m.get("type").getValueNode();
      String type = y.scalar(t, "format.type");
      if (!type.equals("csv") && !type.equals("json")) {
        throw y.error(t, "format.type", "'" + type + "' is not a format; use csv or json");
      }
      json = type.equals("json");
    }
    for (String k : json ? CSV_ONLY : Set.of("lines")) {
      if (m.containsKey(k)) {
        throw y.error(
            m.get(k).getKeyNode(),
            "format." + k,
            json
                ? "does not apply to JSON records (format.type: json)"
                : "applies to JSON records only (format.type: json)");
      }
    }
    char delimiter = d.delimiter();
    if (m.containsKey("delimiter")) {
      delimiter = y.singleChar(m.get("delimiter"), "format.delimiter", false);
    }
    Character quote = d.quote();
    if (m.containsKey("quote")) {
      quote = y.optionalChar(m.get("quote"), "format.quote");
    }
    Character escape = null;
    if (m.containsKey("escape")) {
      escape = y.optionalChar(m.get("escape"), "format.escape");
    }
    boolean byName =
        m.containsKey("header")
            && m.get("header").getValueNode() instanceof ScalarNode h
            && h.getValue().equals("by_name");
    boolean header =
        byName || (m.containsKey("header") ? y.bool(m.get("header"), "format.header") : d.header());
    boolean multiline =
        m.containsKey("multiline") ? y.bool(m.get("multiline"), "format.multiline") : d.multiline();
    Charset encoding = d.encoding();
    if (m.containsKey("encoding")) {
      Node v = m.get("encoding").getValueNode();
      String text = y.scalar(v, "format.encoding");
      try {
        encoding = Charset.forName(text);
      } catch (IllegalArgumentException e) {
        throw y.error(v, "format.encoding", "unknown character set '" + text + "'");
      }
      // Records are split on '\n' and the quote byte before decoding; that needs ASCII bytes to
      // mean ASCII characters, which UTF-16/32 and EBCDIC do not give.
      byte[] probe = "\n\",;\t|".getBytes(encoding);
      if (!new String(probe, StandardCharsets.US_ASCII).equals("\n\",;\t|")) {
        throw y.error(
            v,
            "format.encoding",
            "'" + text + "' is not ASCII-compatible; convert the files to UTF-8 first");
      }
    }
    if (quote != null && quote == delimiter) {
      throw y.error(
          m.get("quote").getValueNode(), "format.quote", "must differ from the delimiter");
    }
    if (delimiter == '\n' || delimiter == '\r') {
      throw y.error(
          m.get("delimiter").getValueNode(), "format.delimiter", "cannot be a line break");
    }
    if (json) {
      if (byName) {
        throw y.error(
            m.get("header").getValueNode(),
            "format.header",
            "JSON records name their fields in every record: by_name is for CSV headers");
      }
      return FormatSpec.json(
          m.containsKey("lines") && y.bool(m.get("lines"), "format.lines"), encoding);
    }
    return FormatSpec.csv(delimiter, quote, escape, header, multiline, encoding).byName(byName);
  }

  private Set<String> nulls(NodeTuple tuple) {
    if (tuple == null) {
      return Set.of("");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Node n : y.sequence(tuple.getValueNode(), "nulls")) {
      out.add(y.scalar(n, "nulls"));
    }
    return out;
  }

  private List<Column> columns(Node node, FormatSpec format) {
    List<Node> items = y.sequence(node, "columns");
    if (items.isEmpty()) {
      throw y.error(node, "columns", "is empty; a schema needs at least one column");
    }
    List<Column> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Column c = columnParser.column(items.get(i), "columns[" + i + "]", format);
      if (!seen.add(c.name().toLowerCase(java.util.Locale.ROOT))) {
        // Hive column names are case-insensitive, so Fare and fare would collide there.
        throw y.error(
            items.get(i), "columns[" + i + "].name", "duplicate column '" + c.name() + "'");
      }
      for (Column o : out) {
        // A value kept as JSON text is a leaf: another column inside it would be read twice.
        Column outer = o.json() ? o : c.json() ? c : null;
        Column inner = outer == o ? c : o;
        if (outer != null && outer.jsonPath().encloses(inner.jsonPath())) {
          throw y.error(
              items.get(i),
              "columns[" + i + "].path",
              "'"
                  + inner.name()
                  + "' is inside '"
                  + outer.name()
                  + "', which keeps its value as JSON text (json: true); read one or the other");
        }
      }
      out.add(c);
    }
    return out;
  }

  private List<String> keys(NodeTuple tuple, List<Column> columns) {
    if (tuple == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node n : y.sequence(tuple.getValueNode(), "keys")) {
      String k = y.scalar(n, "keys");
      if (columns.stream().noneMatch(c -> c.name().equals(k))) {
        throw y.error(n, "keys", "'" + k + "' is not a column" + YamlNodes.suggest(k, columns));
      }
      if (out.contains(k)) {
        throw y.error(n, "keys", "'" + k + "' is listed twice");
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
    Map<String, NodeTuple> m = y.mapping(node, "partition", PARTITION_KEYS);
    String name = y.requiredScalar(m, node, "partition", "name");
    if (!ColumnParser.NAME.matcher(name).matches()) {
      throw y.error(
          m.get("name").getValueNode(),
          "partition.name",
          "'" + name + "' is not a valid column name");
    }
    if (columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(name))) {
      throw y.error(
          m.get("name").getValueNode(),
          "partition.name",
          "'" + name + "' is also a column; Hive needs partition columns to be distinct");
    }
    String from = y.requiredScalar(m, node, "partition", "from");
    Column source = columns.stream().filter(c -> c.name().equals(from)).findFirst().orElse(null);
    if (source == null) {
      throw y.error(
          m.get("from").getValueNode(),
          "partition.from",
          "'" + from + "' is not a column" + YamlNodes.suggest(from, columns));
    }
    PartitionSpec.Granularity g;
    if (m.containsKey("granularity")) {
      Node gn = m.get("granularity").getValueNode();
      try {
        g = PartitionSpec.Granularity.parse(y.scalar(gn, "partition.granularity"));
      } catch (IllegalArgumentException e) {
        throw y.error(gn, "partition.granularity", e.getMessage());
      }
      if (g != PartitionSpec.Granularity.IDENTITY && !source.type().isTemporal()) {
        throw y.error(
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
        throw y.error(gn, "partition.granularity", "hour needs a timestamp column");
      }
    } else {
      g =
          source.type().isTemporal()
              ? PartitionSpec.Granularity.DAY
              : PartitionSpec.Granularity.IDENTITY;
    }
    ZoneId zone = ZoneOffset.UTC;
    if (m.containsKey("timezone")) {
      zone = y.zoneId(m.get("timezone").getValueNode(), "partition.timezone");
    }
    return new PartitionSpec(name, from, g, zone);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
