package io.batchkit.hive.features;

import io.batchkit.hive.Arguments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ConstantObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ListObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.io.IntWritable;

/** One-hot encoding against a fixed vocabulary, so training and serving agree on positions. */
@Description(
    name = "bk_one_hot",
    value =
        "_FUNC_(value, array(v1, v2, ...)) - array<int> with 1 at value's position in the"
            + " vocabulary and 0 elsewhere; all 0 for a value outside it or NULL",
    extended =
        "Example:\n  > SELECT _FUNC_('Queens', array('Bronx', 'Brooklyn', 'Queens'));\n  [0,0,1]")
public final class BkOneHot extends GenericUDF {
  static final String NAME = "bk_one_hot";
  private transient PrimitiveObjectInspector in;

  /**
   * Not transient: the plan carries the vocabulary read when the query was compiled. In a task Hive
   * may hand {@code array(...)} over as a plain (not constant) array, vectorised map joins do.
   */
  private final HashMap<String, Integer> positions = new HashMap<>();

  private transient List<IntWritable> result;

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 2, 2);
    in = Arguments.primitive(NAME, args, 0, "value");
    if (!positions.isEmpty() && !(args[1] instanceof ConstantObjectInspector)) {
      return output(); // a task: the plan's vocabulary
    }
    if (!(args[1] instanceof ListObjectInspector)
        || !(args[1] instanceof ConstantObjectInspector c)) {
      throw new UDFArgumentTypeException(
          1, NAME + ": argument 2 (vocabulary) must be a constant array");
    }
    List<?> vocabulary = (List<?>) c.getWritableConstantValue();
    positions.clear();
    for (Object v : vocabulary) {
      if (positions.putIfAbsent(String.valueOf(v), positions.size()) != null) {
        throw new UDFArgumentTypeException(
            1, NAME + ": argument 2 (vocabulary) repeats '" + v + "'");
      }
    }
    return output();
  }

  private ObjectInspector output() {
    result = new ArrayList<>();
    for (int i = 0; i < positions.size(); i++) {
      result.add(new IntWritable());
    }
    return ObjectInspectorFactory.getStandardListObjectInspector(
        PrimitiveObjectInspectorFactory.writableIntObjectInspector);
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    for (IntWritable w : result) {
      w.set(0);
    }
    Object o = args[0].get();
    if (o != null) {
      Integer p = positions.get(in.getPrimitiveJavaObject(o).toString());
      if (p != null) {
        result.get(p).set(1);
      }
    }
    return result;
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
