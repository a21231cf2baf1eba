package io.batchkit.hive.rules;

import io.batchkit.core.rules.RowCleaner;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.Schema;
import io.batchkit.hive.Arguments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;

/**
 * A raw row checked against a schema with the {@code clean} job's own rules ({@code core}'s {@link
 * RowCleaner}): the rows this returns violations for are exactly the rows {@code clean}
 * quarantines.
 */
@Description(
    name = "bk_violations",
    value =
        "_FUNC_(schema, field1, field2, ...) - the violations of a raw row against a batchkit"
            + " schema: array<struct<column:string, rule:string, value:string>>, empty when clean",
    extended =
        "schema is a constant: the path of a schema YAML file (hdfs://, s3://, file://) or the"
            + " YAML text. Give every column of the schema, in order, as the raw text (a NULL is"
            + " an empty field). Rules and ids are those of the clean job (required, type, min,"
            + " allowed, field_count, ...).\n"
            + "Example:\n"
            + "  > SELECT v.rule, count(*) FROM raw_trips\n"
            + "  >   LATERAL VIEW explode(_FUNC_('hdfs:///schemas/trips.yaml', vendor_id, pickup_at,"
            + " ...)) t AS v GROUP BY v.rule;\n"
            + "  min\t1022")
public final class BkViolations extends GenericUDF {
  static final String NAME = "bk_violations";

  /** The name errors give: bk_explode_violations checks its arguments with this class too. */
  private final String name;

  private transient RowCleaner cleaner;
  private transient PrimitiveObjectInspector[] fields;
  private transient String[] texts;
  private transient Object[] values;
  private final transient List<Violation> violations = new ArrayList<>();
  private final transient ViolationRows result = new ViolationRows();

  public BkViolations() {
    this(NAME);
  }

  BkViolations(String name) {
    this.name = name;
  }

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(name, args, 2, Integer.MAX_VALUE);
    Schema schema = SchemaArgument.load(name, 0, Arguments.constantText(name, args, 0, "schema"));
    fields = new PrimitiveObjectInspector[args.length - 1];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = Arguments.primitive(name, args, i + 1, "field " + (i + 1));
    }
    cleaner = new RowCleaner(schema);
    texts = new String[fields.length];
    values = new Object[schema.columns().size()];
    return ObjectInspectorFactory.getStandardListObjectInspector(violationInspector());
  }

  static ObjectInspector violationInspector() {
    ObjectInspector text = PrimitiveObjectInspectorFactory.writableStringObjectInspector;
    return ObjectInspectorFactory.getStandardStructObjectInspector(
        List.of("column", "rule", "value"), List.of(text, text, text));
  }

  /** The violations of one row (reused between rows). */
  List<Violation> check(DeferredObject[] args) throws HiveException {
    for (int i = 0; i < fields.length; i++) {
      Object v = args[i + 1].get();
      Object j = v == null ? null : fields[i].getPrimitiveJavaObject(v);
      texts[i] = j == null ? "" : j.toString();
    }
    violations.clear();
    cleaner.clean(Arrays.asList(texts), values, violations);
    return violations;
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    return result.list(check(args));
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(name, children);
  }
}
