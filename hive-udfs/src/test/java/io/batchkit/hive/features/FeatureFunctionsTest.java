package io.batchkit.hive.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.hive.Inspectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.serde2.io.DoubleWritable;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.typeinfo.TypeInfoFactory;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

/** The ML feature functions, on the values their documented examples show. */
class FeatureFunctionsTest {
  static ObjectInspector d() {
    return PrimitiveObjectInspectorFactory.javaDoubleObjectInspector;
  }

  static ObjectInspector constantArray(List<?> writables, ObjectInspector element) {
    return ObjectInspectorFactory.getStandardConstantListObjectInspector(element, writables);
  }

  @Test
  void minMaxAndZScoreWithGivenParameters() throws Exception {
    BkScale minmax = new BkScale.MinMax();
    minmax.initialize(new ObjectInspector[] {d(), d(), d()});
    assertEquals(
        0.5, ((DoubleWritable) minmax.evaluate(Inspectors.values(15.0, 10.0, 20.0))).get());
    assertNull(minmax.evaluate(Inspectors.values(15.0, 10.0, 10.0)), "a zero range is NULL");
    BkScale z = new BkScale.ZScore();
    z.initialize(new ObjectInspector[] {d(), d(), d()});
    assertEquals(2.0, ((DoubleWritable) z.evaluate(Inspectors.values(14.0, 10.0, 2.0))).get());
    assertNull(z.evaluate(Inspectors.values(null, 10.0, 2.0)));
  }

  @Test
  void bucketizeCountsTheEdgesAtOrBelowTheValue() throws Exception {
    BkBucketize f = new BkBucketize();
    ObjectInspector edges =
        constantArray(
            List.of(new DoubleWritable(0), new DoubleWritable(10), new DoubleWritable(20)),
            PrimitiveObjectInspectorFactory.writableDoubleObjectInspector);
    f.initialize(new ObjectInspector[] {d(), edges});
    double[] xs = {-1, 0, 9.99, 10, 12.5, 20, 1e9};
    int[] want = {0, 1, 1, 2, 2, 3, 3};
    for (int i = 0; i < xs.length; i++) {
      assertEquals(
          want[i], ((IntWritable) f.evaluate(Inspectors.values(xs[i], null))).get(), "x=" + xs[i]);
    }
    UDFArgumentException e =
        assertThrows(
            UDFArgumentException.class,
            () ->
                new BkBucketize()
                    .initialize(
                        new ObjectInspector[] {
                          d(),
                          constantArray(
                              List.of(new DoubleWritable(5), new DoubleWritable(1)),
                              PrimitiveObjectInspectorFactory.writableDoubleObjectInspector)
                        }));
    assertTrue(
        e.getMessage().startsWith("bk_bucketize: argument 2 (edges) must be strictly ascending"));
  }

  @Test
  void hashBucketIsMurmur3OfTheTextModN() throws Exception {
    BkHashBucket f = new BkHashBucket();
    f.initialize(
        new ObjectInspector[] {
          Inspectors.string(),
          PrimitiveObjectInspectorFactory.getPrimitiveWritableConstantObjectInspector(
              TypeInfoFactory.intTypeInfo, new IntWritable(1024))
        });
    assertEquals(488, ((IntWritable) f.evaluate(Inspectors.values("JFK", null))).get());
    int[] counts = new int[1024];
    for (int i = 0; i < 100_000; i++) {
      counts[((IntWritable) f.evaluate(Inspectors.values("k" + i, null))).get()]++;
    }
    for (int c : counts) {
      assertTrue(c > 40 && c < 160, "buckets are even: " + c);
    }
  }

  @Test
  void oneHotAgainstAFixedVocabulary() throws Exception {
    BkOneHot f = new BkOneHot();
    ObjectInspector vocabulary =
        constantArray(
            List.of(new Text("Bronx"), new Text("Brooklyn"), new Text("Queens")),
            PrimitiveObjectInspectorFactory.writableStringObjectInspector);
    f.initialize(new ObjectInspector[] {Inspectors.string(), vocabulary});
    assertEquals(List.of(0, 0, 1), ints(f.evaluate(Inspectors.values("Queens", null))));
    assertEquals(List.of(0, 0, 0), ints(f.evaluate(Inspectors.values("EWR", null))));
    assertEquals(List.of(0, 0, 0), ints(f.evaluate(Inspectors.values(null, null))));
  }

  static List<Integer> ints(Object list) {
    List<Integer> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(((IntWritable) o).get());
    }
    return out;
  }
}
