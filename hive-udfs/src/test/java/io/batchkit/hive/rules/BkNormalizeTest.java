package io.batchkit.hive.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.hive.Inspectors;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.junit.jupiter.api.Test;

class BkNormalizeTest {
  @Test
  void appliesTheStepsInOrder() throws Exception {
    BkNormalize f = new BkNormalize();
    f.initialize(
        new ObjectInspector[] {
          Inspectors.string(), Inspectors.constant("trim, collapse_whitespace,upper")
        });
    assertEquals("LATE NIGHT", f.evaluate(Inspectors.values("  late \t  night ", "x")).toString());
    assertNull(f.evaluate(Inspectors.values(null, "x")));
  }

  @Test
  void anUnknownStepIsRefusedAtCompileTime() {
    UDFArgumentException e =
        assertThrows(
            UDFArgumentException.class,
            () ->
                new BkNormalize()
                    .initialize(
                        new ObjectInspector[] {
                          Inspectors.string(), Inspectors.constant("squash")
                        }));
    assertTrue(
        e.getMessage()
            .startsWith("bk_normalize: argument 2 (steps): unknown normalisation 'squash'"),
        e.getMessage());
  }
}
