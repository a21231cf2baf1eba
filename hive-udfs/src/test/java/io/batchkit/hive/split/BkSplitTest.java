package io.batchkit.hive.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.hive.Inspectors;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.common.type.Timestamp;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.primitive.PrimitiveObjectInspectorFactory;
import org.apache.hadoop.hive.serde2.typeinfo.TypeInfoFactory;
import org.junit.jupiter.api.Test;

class BkSplitTest {
  /** The split job's rule, computed here: MurmurHash3 x64 (first half), top 53 bits, ranges. */
  static String expected(String key, int seed) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    double p = (MurmurHash3.hash128x64(b, 0, b.length, seed)[0] >>> 11) / (double) (1L << 53);
    return p < 0.8 ? "train" : p < 0.9 ? "validation" : "test";
  }

  @Test
  void hashesTheKeyInHiveTextFormAsTheJobDoes() throws Exception {
    BkSplit f = split(42);
    BkSplit f7 = split(7);
    int differ = 0;
    for (int i = 0; i < 500; i++) {
      String text =
          java.time.LocalDateTime.of(2024, 1, 1, 5, 0)
              .plusSeconds(7L * i)
              .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
      Timestamp at = Timestamp.valueOf(text);
      String key =
          (i % 2 + 1)
              + "\t"
              + text
              + "\t12.50\t"
              + (i % 3 == 0 ? "\\N" : "a\\\tb"); // a tab in a value: backslash, tab
      Object[] row = {
        "x", 42, i % 2 + 1, at, HiveDecimal.create("12.5"), i % 3 == 0 ? null : "a\tb"
      };
      String got = f.evaluate(Inspectors.values(row)).toString();
      String got7 = f7.evaluate(Inspectors.values(row)).toString();
      assertEquals(expected(key, 42), got, key);
      assertEquals(expected(key, 7), got7, key);
      if (!got.equals(got7)) {
        differ++;
      }
    }
    assertTrue(differ > 50, "the seed matters: " + differ + " of 500 rows differ");
  }

  /** bk_split(ratios, seed, int, timestamp, decimal(10,2), string) as Hive initialises it. */
  static BkSplit split(int seed) throws Exception {
    BkSplit f = new BkSplit();
    ObjectInspector decimal =
        PrimitiveObjectInspectorFactory.getPrimitiveJavaObjectInspector(
            TypeInfoFactory.getDecimalTypeInfo(10, 2));
    f.initialize(
        new ObjectInspector[] {
          Inspectors.constant("train=0.8,validation=0.1,test=0.1"),
          Inspectors.constant(seed),
          PrimitiveObjectInspectorFactory.javaIntObjectInspector,
          PrimitiveObjectInspectorFactory.javaTimestampObjectInspector,
          decimal,
          Inspectors.string()
        });
    return f;
  }

  @Test
  void argumentMistakesNameTheFunctionAndTheArgument() {
    BkSplit f = new BkSplit();
    UDFArgumentException e =
        assertThrows(
            UDFArgumentException.class,
            () ->
                f.initialize(
                    new ObjectInspector[] {
                      Inspectors.constant("train=0.8,test=0.3"),
                      Inspectors.constant(1),
                      Inspectors.string()
                    }));
    assertTrue(
        e.getMessage().contains("bk_split: argument 1 (ratios: must add up to 1"), e.getMessage());
    e =
        assertThrows(
            UDFArgumentException.class,
            () -> f.initialize(new ObjectInspector[] {Inspectors.constant("a=1")}));
    assertEquals("bk_split takes 3 or more arguments, got 1", e.getMessage());
    e =
        assertThrows(
            UDFArgumentException.class,
            () ->
                f.initialize(
                    new ObjectInspector[] {
                      Inspectors.string(), Inspectors.constant(1), Inspectors.string()
                    }));
    assertTrue(e.getMessage().contains("argument 1 (ratios) must be a constant"), e.getMessage());
  }
}
