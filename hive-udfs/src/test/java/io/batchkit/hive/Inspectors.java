package io.batchkit.hive;

import org.apache.hadoop.hive.ql.udf.generic.GenericUDF;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.typeinfo.TypeInfoFactory;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;

/** Hive's own object inspectors and deferred values, as Hive hands them to a function. */
public final class Inspectors {
  private Inspectors() {}

  public static ObjectInspector constant(String s) {
    return PrimitiveObjectInspectorFactory.getPrimitiveWritableConstantObjectInspector(
        TypeInfoFactory.stringTypeInfo, new Text(s));
  }

  public static ObjectInspector constant(int i) {
    return PrimitiveObjectInspectorFactory.getPrimitiveWritableConstantObjectInspector(
        TypeInfoFactory.intTypeInfo, new IntWritable(i));
  }

  public static ObjectInspector string() {
    return PrimitiveObjectInspectorFactory.javaStringObjectInspector;
  }

  public static GenericUDF.DeferredObject[] values(Object... values) {
    GenericUDF.DeferredObject[] out = new GenericUDF.DeferredObject[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = new GenericUDF.DeferredJavaObject(values[i]);
    }
    return out;
  }
}
