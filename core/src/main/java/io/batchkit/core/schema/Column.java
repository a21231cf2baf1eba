package io.batchkit.core.schema;

import io.batchkit.core.types.ColumnType;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One column of a dataset, as declared in its schema file. Bounds and allowed values are already
 * parsed to the column's type ({@link io.batchkit.core.types.ValueParser}), so a schema that loads
 * cannot fail later on its own constants.
 *
 * @param formats date/timestamp patterns tried in order; empty means the ISO default
 * @param timezone the zone a timestamp without an offset is in
 * @param line the line of the schema file the column was declared on, for error messages
 * @param pseudonymize whether values are replaced by their keyed pseudonym once checked
 * @param path where the value is in a JSON record; null: the field named as the column
 * @param json whether a JSON object or array is kept as its JSON text (a string column)
 */
public record Column(
    String name,
    ColumnType type,
    boolean required,
    Set<Object> allowed,
    Comparable<Object> min,
    Comparable<Object> max,
    Integer minLength,
    Integer maxLength,
    Pattern pattern,
    List<String> formats,
    ZoneId timezone,
    List<Normalization> normalize,
    String description,
    int line,
    boolean pseudonymize,
    JsonPath path,
    boolean json) {

  /** Where the value is in a JSON record: its {@code path}, else the field of its name. */
  public JsonPath jsonPath() {
    return path == null ? JsonPath.field(name) : path;
  }

  /** A column with a name and a type and, until set, nothing to check. */
  public static Builder builder(String name, ColumnType type) {
    return new Builder(name, type);
  }

  /** Builds a {@link Column} by name rather than by the position of fourteen arguments. */
  public static final class Builder {
    private final String name;
    private final ColumnType type;
    private boolean required;
    private Set<Object> allowed;
    private Comparable<Object> min;
    private Comparable<Object> max;
    private Integer minLength;
    private Integer maxLength;
    private Pattern pattern;
    private List<String> formats = List.of();
    private ZoneId timezone;
    private List<Normalization> normalize = List.of();
    private String description;
    private int line;
    private boolean pseudonymize;
    private JsonPath path;
    private boolean json;

    private Builder(String name, ColumnType type) {
      this.name = name;
      this.type = type;
    }

    public Builder required(boolean required) {
      this.required = required;
      return this;
    }

    public Builder allowed(Set<Object> allowed) {
      this.allowed = allowed;
      return this;
    }

    public Builder min(Comparable<Object> min) {
      this.min = min;
      return this;
    }

    public Builder max(Comparable<Object> max) {
      this.max = max;
      return this;
    }

    public Builder minLength(Integer minLength) {
      this.minLength = minLength;
      return this;
    }

    public Builder maxLength(Integer maxLength) {
      this.maxLength = maxLength;
      return this;
    }

    public Builder pattern(Pattern pattern) {
      this.pattern = pattern;
      return this;
    }

    public Builder formats(List<String> formats) {
      this.formats = formats;
      return this;
    }

    public Builder timezone(ZoneId timezone) {
      this.timezone = timezone;
      return this;
    }

    public Builder normalize(List<Normalization> normalize) {
      this.normalize = normalize;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** The line of the schema file the column was declared on (0: not from a file). */
    public Builder line(int line) {
      this.line = line;
      return this;
    }

    /** Replace checked values by their keyed pseudonym ({@code pseudonymize: true}). */
    public Builder pseudonymize(boolean pseudonymize) {
      this.pseudonymize = pseudonymize;
      return this;
    }

    /** Where the value is in a JSON record ({@code path:}); null: the field of its name. */
    public Builder path(JsonPath path) {
      this.path = path;
      return this;
    }

    /** Keep a JSON object or array as its JSON text ({@code json: true}). */
    public Builder json(boolean json) {
      this.json = json;
      return this;
    }

    public Column build() {
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
          timezone,
          normalize,
          description,
          line,
          pseudonymize,
          path,
          json);
    }
  }
}
