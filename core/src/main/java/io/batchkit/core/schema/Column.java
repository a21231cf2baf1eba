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
    int line) {}
