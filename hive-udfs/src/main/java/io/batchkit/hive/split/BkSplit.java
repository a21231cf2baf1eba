package io.batchkit.hive.split;

import io.batchkit.core.split.SplitAssigner;
import io.batchkit.hive.Arguments;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.io.Text;

/**
 * The {@code split} job's assignment in SQL: the same key gets the same split in Hive as in
 * MapReduce, because both call {@link SplitAssigner}.
 */
@Description(
    name = "bk_split",
    value =
        "_FUNC_(ratios, seed, key1[, key2, ...]) - the split ('train', ...) of the row whose key"
            + " columns are key1, key2, ...: the batchkit split job's assignment",
    extended =
        "ratios is a constant such as 'train=0.8,validation=0.1,test=0.1' and seed a constant"
            + " integer; keys are given in the schema's key order, with their Hive types (they"
            + " are hashed in Hive text form, as the job hashes them). A null key column is part"
            + " of the key.\n"
            + "Example:\n"
            + "  > SELECT _FUNC_('train=0.8,test=0.2', 42, vendor_id, pickup_at) FROM trips;\n"
            + "  train")
public final class BkSplit extends GenericUDF {
  static final String NAME = "bk_split";
  private transient SplitAssigner assigner;
  private transient PrimitiveObjectInspector[] keys;
  private transient Object[] values;
  private final transient Text result = new Text();

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 3, Integer.MAX_VALUE);
    String ratios = Arguments.constantText(NAME, args, 0, "ratios");
    Arguments.numeric(NAME, args, 1, "seed");
    if (!(args[1]
            instanceof org.apache.hadoop.hive.serde2.objectinspector.ConstantObjectInspector c)
        || c.getWritableConstantValue() == null) {
      throw new org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException(
          1, NAME + ": argument 2 (seed) must be a constant integer");
    }
    int seed = Integer.parseInt(c.getWritableConstantValue().toString());
    try {
      assigner = SplitAssigner.parse(ratios, seed);
    } catch (IllegalArgumentException e) {
      throw new org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException(
          0, NAME + ": argument 1 (" + e.getMessage() + ")");
    }
    keys = new PrimitiveObjectInspector[args.length - 2];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Arguments.primitive(NAME, args, i + 2, "key " + (i + 1));
    }
    values = new Object[keys.length];
    return PrimitiveObjectInspectorFactory.writableStringObjectInspector;
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    for (int i = 0; i < keys.length; i++) {
      values[i] = HiveValues.toJava(keys[i], args[i + 2].get());
    }
    result.set(assigner.assign(SplitAssigner.key(values)));
    return result;
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
