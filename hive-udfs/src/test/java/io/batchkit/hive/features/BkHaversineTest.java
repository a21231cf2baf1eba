package io.batchkit.hive.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.hive.Inspectors;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.serde2.io.DoubleWritable;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.junit.jupiter.api.Test;

class BkHaversineTest {
  static ObjectInspector d() {
    return PrimitiveObjectInspectorFactory.javaDoubleObjectInspector;
  }

  @Test
  void oneDegreeOfTheEquatorAndAQuarterOfTheEarth() throws Exception {
    BkHaversine f = new BkHaversine();
    f.initialize(new ObjectInspector[] {d(), d(), d(), d()});
    // 2 * pi * 6371.0088 / 360 = 111.1951 km; pole to equator = a quarter circumference
    double oneDegree = ((DoubleWritable) f.evaluate(Inspectors.values(0.0, 0.0, 0.0, 1.0))).get();
    assertEquals(2 * Math.PI * 6371.0088 / 360, oneDegree, 1e-9);
    double quarter = ((DoubleWritable) f.evaluate(Inspectors.values(90.0, 0.0, 0.0, 45.0))).get();
    assertEquals(Math.PI * 6371.0088 / 2, quarter, 1e-6);
    assertNull(f.evaluate(Inspectors.values(null, 0.0, 0.0, 1.0)));
  }

  @Test
  void aStringCoordinateIsRefusedNamingIt() {
    UDFArgumentException e =
        assertThrows(
            UDFArgumentException.class,
            () ->
                new BkHaversine()
                    .initialize(new ObjectInspector[] {d(), Inspectors.string(), d(), d()}));
    assertTrue(
        e.getMessage().startsWith("bk_haversine_km: argument 2 (lon1) must be"), e.getMessage());
  }
}
