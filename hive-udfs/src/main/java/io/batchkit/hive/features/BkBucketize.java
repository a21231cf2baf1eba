package io.batchkit.hive.features;

import io.batchkit.hive.Arguments;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ConstantObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ListObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorUtils;
import org.apache.hadoop.io.IntWritable;

/** The bucket of a value between given edges. */
@Description(
    name = "bk_bucketize",
    value =
        "_FUNC_(x, array(e1, e2, ...)) - 0 if x < e1, i if e_i <= x < e_(i+1), n if x >= e_n;"
            + " NULL if x is NULL",
    extended =
        "The edges are a constant array in ascending order.\n"
            + "Example:\n  > SELECT _FUNC_(12.5, array(0, 10, 20));\n  2")
public final class BkBucketize extends GenericUDF {
  static final String NAME = "bk_bucketize";
  private transient PrimitiveObjectInspector in;

  /**
   * Not transient: the plan carries the edges read when the query was compiled. In a task Hive may
   * hand {@code array(...)} over as a plain (not constant) array, vectorised map joins do.
   */
  private double[] edges;

  private final transient IntWritable result = new IntWritable();

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 2, 2);
    in = Arguments.numeric(NAME, args, 0, "x");
    if (edges != null && !(args[1] instanceof ConstantObjectInspector)) {
      return PrimitiveObjectInspectorFactory.writableIntObjectInspector; // a task: the plan's edges
    }
    edges = constantNumbers(NAME, args, 1, "edges");
    for (int i = 1; i < edges.length; i++) {
      if (!(edges[i] > edges[i - 1])) {
        throw new UDFArgumentTypeException(
            1, NAME + ": argument 2 (edges) must be strictly ascending: " + Arrays.toString(edges));
      }
    }
    return PrimitiveObjectInspectorFactory.writableIntObjectInspector;
  }

  static double[] constantNumbers(String fn, ObjectInspector[] args, int i, String name)
      throws UDFArgumentTypeException {
    if (!(args[i] instanceof ListObjectInspector list)
        || !(args[i] instanceof ConstantObjectInspector c)
        || !(list.getListElementObjectInspector() instanceof PrimitiveObjectInspector element)) {
      throw new UDFArgumentTypeException(
          i, fn + ": argument " + (i + 1) + " (" + name + ") must be a constant array of numbers");
    }
    List<?> values = (List<?>) c.getWritableConstantValue();
    double[] out = new double[values.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = PrimitiveObjectInspectorUtils.getDouble(values.get(k), element);
    }
    return out;
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    Object o = args[0].get();
    if (o == null) {
      return null;
    }
    double x = PrimitiveObjectInspectorUtils.getDouble(o, in);
    int b = Arrays.binarySearch(edges, x);
    result.set(b >= 0 ? b + 1 : -b - 1);
    return result;
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
