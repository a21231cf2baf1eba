package io.batchkit.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.hadoop.hive.ql.exec.Description;
import org.junit.jupiter.api.Test;

/** What DESCRIBE FUNCTION EXTENDED shows: every function has a name, usage and an example. */
class DescriptionsTest {
  static final List<Class<?>> FUNCTIONS =
      List.of(
          io.batchkit.hive.split.BkSplit.class,
          io.batchkit.hive.rules.BkViolations.class,
          io.batchkit.hive.rules.BkExplodeViolations.class,
          io.batchkit.hive.rules.BkRecordViolations.class,
          io.batchkit.hive.rules.BkNormalize.class,
          io.batchkit.hive.rules.BkParse.class,
          io.batchkit.hive.privacy.BkPseudonymize.class,
          io.batchkit.hive.features.BkHaversine.class,
          io.batchkit.hive.features.BkScale.MinMax.class,
          io.batchkit.hive.features.BkScale.ZScore.class,
          io.batchkit.hive.features.BkBucketize.class,
          io.batchkit.hive.features.BkHashBucket.class,
          io.batchkit.hive.features.BkOneHot.class);

  @Test
  void everyFunctionDescribesItselfWithAnExample() {
    for (Class<?> c : FUNCTIONS) {
      Description d = c.getAnnotation(Description.class);
      assertTrue(d != null, c + " has @Description");
      assertTrue(d.name().startsWith("bk_"), d.name());
      assertTrue(d.value().startsWith("_FUNC_("), c + ": usage");
      int example = d.extended().indexOf("Example:\n  > ");
      assertTrue(example >= 0 && d.extended().indexOf("_FUNC_", example) > 0, c + ": example");
    }
    assertEquals(
        FUNCTIONS.size(),
        FUNCTIONS.stream().map(c -> c.getAnnotation(Description.class).name()).distinct().count());
  }
}
