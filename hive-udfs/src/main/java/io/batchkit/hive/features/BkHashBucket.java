package io.batchkit.hive.features;

import io.batchkit.hive.Arguments;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.hadoop.hive.ql.exec.Description;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException;
import org.apache.hadoop.hive.ql.metadata.HiveException;
import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ConstantObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.io.IntWritable;

/** The hashing trick: a value's bucket in [0, n), by a 32-bit MurmurHash3 of its text. */
@Description(
    name = "bk_hash_bucket",
    value =
        "_FUNC_(value, n) - a bucket in [0, n) from MurmurHash3 (x86, 32-bit, seed 0) of value's text",
    extended =
        "n is a constant positive integer; NULL stays NULL.\n"
            + "Example:\n  > SELECT _FUNC_('JFK', 1024);\n  488")
public final class BkHashBucket extends GenericUDF {
  static final String NAME = "bk_hash_bucket";
  private transient PrimitiveObjectInspector in;
  private int buckets;
  private final transient IntWritable result = new IntWritable();

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 2, 2);
    in = Arguments.primitive(NAME, args, 0, "value");
    Arguments.numeric(NAME, args, 1, "n");
    Object n = args[1] instanceof ConstantObjectInspector c ? c.getWritableConstantValue() : null;
    buckets = n == null ? 0 : Integer.parseInt(n.toString());
    if (buckets <= 0) {
      throw new UDFArgumentTypeException(
          1, NAME + ": argument 2 (n) must be a constant positive integer");
    }
    return PrimitiveObjectInspectorFactory.writableIntObjectInspector;
  }

  static int bucket(String text, int n) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return Math.floorMod(MurmurHash3.hash32x86(b, 0, b.length, 0), n);
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    Object o = args[0].get();
    if (o == null) {
      return null;
    }
    result.set(bucket(in.getPrimitiveJavaObject(o).toString(), buckets));
    return result;
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
