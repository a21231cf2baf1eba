package io.batchkit.hive.features;

import io.batchkit.hive.Arguments;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.io.DoubleWritable;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorUtils;

/**
 * Scaling with given parameters, for features computed the same way at training and at serving:
 * {@code bk_minmax(x, min, max)} = (x - min) / (max - min), {@code bk_zscore(x, mean, stddev)} = (x
 * - mean) / stddev. A zero range or deviation gives NULL, not infinity.
 */
public abstract class BkScale extends GenericUDF {
  private final transient String name;
  private final transient String[] names;
  private final transient PrimitiveObjectInspector[] in = new PrimitiveObjectInspector[3];
  private final transient DoubleWritable result = new DoubleWritable();

  BkScale(String name, String... names) {
    this.name = name;
    this.names = names;
  }

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(name, args, 3, 3);
    for (int i = 0; i < 3; i++) {
      in[i] = Arguments.numeric(name, args, i, names[i]);
    }
    return PrimitiveObjectInspectorFactory.writableDoubleObjectInspector;
  }

  abstract double scale(double x, double a, double b);

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    double[] v = new double[3];
    for (int i = 0; i < 3; i++) {
      Object o = args[i].get();
      if (o == null) {
        return null;
      }
      v[i] = PrimitiveObjectInspectorUtils.getDouble(o, in[i]);
    }
    double r = scale(v[0], v[1], v[2]);
    if (!Double.isFinite(r)) {
      return null;
    }
    result.set(r);
    return result;
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(name, children);
  }

  /** Min-max scaling to [0, 1] with the training set's min and max. */
  @Description(
      name = "bk_minmax",
      value = "_FUNC_(x, min, max) - (x - min) / (max - min); NULL if max = min or any is NULL",
      extended = "Example:\n  > SELECT _FUNC_(15, 10, 20);\n  0.5")
  public static final class MinMax extends BkScale {
    public MinMax() {
      super("bk_minmax", "x", "min", "max");
    }

    @Override
    double scale(double x, double min, double max) {
      return (x - min) / (max - min);
    }
  }

  /** Standard score with the training set's mean and standard deviation. */
  @Description(
      name = "bk_zscore",
      value = "_FUNC_(x, mean, stddev) - (x - mean) / stddev; NULL if stddev = 0 or any is NULL",
      extended = "Example:\n  > SELECT _FUNC_(14, 10, 2);\n  2.0")
  public static final class ZScore extends BkScale {
    public ZScore() {
      super("bk_zscore", "x", "mean", "stddev");
    }

    @Override
    double scale(double x, double mean, double stddev) {
      return (x - mean) / stddev;
    }
  }
}
