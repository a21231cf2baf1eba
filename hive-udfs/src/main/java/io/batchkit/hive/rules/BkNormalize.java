package io.batchkit.hive.rules;

import io.batchkit.core.rules.ColumnRules;
import io.batchkit.core.schema.Normalization;
import io.batchkit.hive.Arguments;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.io.Text;

/**
 * A schema column's {@code normalize:} steps, applied in SQL exactly as {@code clean} applies them.
 */
@Description(
    name = "bk_normalize",
    value =
        "_FUNC_(str, steps) - str with the normalisations in steps applied in order (trim, upper,"
            + " lower, collapse_whitespace, strip_control); NULL stays NULL",
    extended =
        "steps is a constant, comma-separated, as a schema's normalize: list.\n"
            + "Example:\n"
            + "  > SELECT _FUNC_('  late   night ', 'trim,collapse_whitespace,upper');\n"
            + "  LATE NIGHT")
public final class BkNormalize extends GenericUDF {
  static final String NAME = "bk_normalize";
  private transient PrimitiveObjectInspector in;
  private transient Normalization[] steps;
  private final transient Text result = new Text();

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 2, 2);
    in = Arguments.text(NAME, args, 0, "str");
    String[] names = Arguments.constantText(NAME, args, 1, "steps").split(",");
    steps = new Normalization[names.length];
    for (int i = 0; i < names.length; i++) {
      try {
        steps[i] = Normalization.parse(names[i].trim());
      } catch (IllegalArgumentException e) {
        throw new UDFArgumentTypeException(1, NAME + ": argument 2 (steps): " + e.getMessage());
      }
    }
    return PrimitiveObjectInspectorFactory.writableStringObjectInspector;
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    Object v = args[0].get();
    if (v == null) {
      return null;
    }
    result.set(ColumnRules.normalise(in.getPrimitiveJavaObject(v).toString(), steps));
    return result;
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
