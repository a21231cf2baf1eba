package io.batchkit.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchkitDriverTest {
  @Test
  void aMissingAwsSdkSaysHowToAddIt() {
    Throwable missing =
        new RuntimeException(
            new NoClassDefFoundError("software/amazon/awssdk/core/exception/SdkException"));
    String hint = BatchkitDriver.hint(missing);
    assertTrue(hint.contains("BATCHKIT_AWS_SDK=1"), hint);
    assertTrue(hint.contains("s3a://"), hint);
  }

  @Test
  void otherFailuresGetNoHint() {
    assertEquals("", BatchkitDriver.hint(new NoClassDefFoundError("org/apache/orc/Writer")));
    assertEquals("", BatchkitDriver.hint(new IllegalStateException("awssdk")));
  }
}
