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

/** Great-circle distance in kilometres (haversine formula, mean Earth radius). */
@Description(
    name = "bk_haversine_km",
    value =
        "_FUNC_(lat1, lon1, lat2, lon2) - the great-circle distance in km between two points in"
            + " decimal degrees; NULL if any argument is NULL",
    extended =
        "Example:\n"
            + "  > SELECT _FUNC_(40.6413, -73.7781, 40.7769, -73.8740);\n"
            + "  17.108126953835338")
public final class BkHaversine extends GenericUDF {
  static final String NAME = "bk_haversine_km";
  static final double EARTH_RADIUS_KM = 6371.0088;
  private final transient PrimitiveObjectInspector[] in = new PrimitiveObjectInspector[4];
  private final transient DoubleWritable result = new DoubleWritable();

  @Override
  public ObjectInspector initialize(ObjectInspector[] args) throws UDFArgumentException {
    Arguments.count(NAME, args, 4, 4);
    String[] names = {"lat1", "lon1", "lat2", "lon2"};
    for (int i = 0; i < 4; i++) {
      in[i] = Arguments.numeric(NAME, args, i, names[i]);
    }
    return PrimitiveObjectInspectorFactory.writableDoubleObjectInspector;
  }

  @Override
  public Object evaluate(DeferredObject[] args) throws HiveException {
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      Object o = args[i].get();
      if (o == null) {
        return null;
      }
      v[i] = PrimitiveObjectInspectorUtils.getDouble(o, in[i]);
    }
    result.set(distance(v[0], v[1], v[2], v[3]));
    return result;
  }

  static double distance(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  @Override
  public String getDisplayString(String[] children) {
    return getStandardDisplayString(NAME, children);
  }
}
