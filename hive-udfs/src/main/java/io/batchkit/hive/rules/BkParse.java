package io.batchkit.hive.rules;

import io.batchkit.core.rules.ColumnRules;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.types.ColumnType;
import io.batchkit.hive.Arguments;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.common.type.Timestamp;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.io.DateWritableV2;
import org.apache.hadoop.hive.serde2.io.DoubleWritable;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;
import org.apache.hadoop.hive.serde2.io.TimestampWritableV2;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.typeinfo.TypeInfoFactory;
import org.apache.hadoop.io.BooleanWritable;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;

/**
 * One raw field turned into its column's Hive type with the column's own rules: its normalisation,
 * null tokens, timestamp and date formats and timezone, bounds. The value {@code clean} writes for
 * the field, so a view over raw text can give the same typed values as the clean table.
 */
@Description(
    name = "bk_parse",
    value =
        "_FUNC_(schema, column, raw) - raw parsed as the schema's column: its type (timestamp, date,"
            + " int, decimal(p,s), ...), formats and timezone; NULL for a null token or a value"
            + " that breaks one of the column's rules",
    extended =
        "schema and column are constants; schema is a schema file's path (hdfs://, s3://,"
            + " file://) or the YAML text. The result has the column's Hive type. Timestamps are"
            + " read in the column's timezone and returned in UTC, as clean stores them; a local"
            + " time that does not exist (a DST gap) is NULL. bk_violations says why a value is"
            + " NULL.\n"
            + "Example:\n"
            + "  > SELECT _FUNC_('hdfs:///schemas/trips.yaml', 'pickup_at', '03/10/2024 01:59:59"
            + " AM');\n"
            + "  2024-03-10 06:59:59")
public final class BkParse extends GenericUDF {
  static final String NAME = "bk_parse";
  private transient ColumnRules rules;
  private transient ColumnType.Kind kind;
  private transient PrimitiveObjectInspector raw;
  private final transient List<Violation> violations = new ArrayList<>();
  private transient Object result;
  private transient Timestamp timestamp;

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 3, 3);
    Schema schema = SchemaArgument.load(NAME, 0, Arguments.constantText(NAME, args, 0, "schema"));
    String name = Arguments.constantText(NAME, args, 1, "column");
    Column column = schema.column(name);
    if (column == null) {
      throw new UDFArgumentTypeException(
          1,
          NAME
              + ": argument 2 (column): schema "
              + schema.name()
              + " has no column '"
              + name
              + "'; its columns: "
              + String.join(", ", schema.columns().stream().map(Column::name).toList()));
    }
    raw = Arguments.primitive(NAME, args, 2, "raw");
    rules = new ColumnRules(column, schema.nulls());
    kind = column.type().kind();
    timestamp = new Timestamp();
    return switch (kind) {
      case STRING ->
          inspector(new Text(), PrimitiveObjectInspectorFactory.writableStringObjectInspector);
      case INT ->
          inspector(new IntWritable(), PrimitiveObjectInspectorFactory.writableIntObjectInspector);
      case BIGINT ->
          inspector(
              new LongWritable(), PrimitiveObjectInspectorFactory.writableLongObjectInspector);
      case DOUBLE ->
          inspector(
              new DoubleWritable(), PrimitiveObjectInspectorFactory.writableDoubleObjectInspector);
      case BOOLEAN ->
          inspector(
              new BooleanWritable(),
              PrimitiveObjectInspectorFactory.writableBooleanObjectInspector);
      case DATE ->
          inspector(
              new DateWritableV2(), PrimitiveObjectInspectorFactory.writableDateObjectInspector);
      case TIMESTAMP ->
          inspector(
              new TimestampWritableV2(),
              PrimitiveObjectInspectorFactory.writableTimestampObjectInspector);
      case DECIMAL ->
          inspector(
              new HiveDecimalWritable(),
              PrimitiveObjectInspectorFactory.getPrimitiveWritableObjectInspector(
                  TypeInfoFactory.getDecimalTypeInfo(
                      column.type().precision(), column.type().scale())));
    };
  }

  private ObjectInspector inspector(Object writable, ObjectInspector oi) {
    result = writable;
    return oi;
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    Object v = args[2].get();
    Object text = v == null ? null : raw.getPrimitiveJavaObject(v);
    if (text == null) {
      return null;
    }
    violations.clear();
    Object value = rules.apply(text.toString(), violations);
    if (value == null) {
      return null;
    }
    switch (kind) {
      case STRING -> ((Text) result).set((String) value);
      case INT -> ((IntWritable) result).set((Integer) value);
      case BIGINT -> ((LongWritable) result).set((Long) value);
      case DOUBLE -> ((DoubleWritable) result).set((Double) value);
      case BOOLEAN -> ((BooleanWritable) result).set((Boolean) value);
      case DATE -> ((DateWritableV2) result).set((int) ((LocalDate) value).toEpochDay());
      case TIMESTAMP -> {
        LocalDateTime utc = (LocalDateTime) value;
        timestamp.setTimeInSeconds(utc.toEpochSecond(ZoneOffset.UTC), utc.getNano());
        ((TimestampWritableV2) result).set(timestamp);
      }
      case DECIMAL -> ((HiveDecimalWritable) result).set(HiveDecimal.create((BigDecimal) value));
    }
    return result;
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
