package io.batchkit.mr.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuarantineLinesTest {
  @Test
  void shiftsOnlyTheLineField() {
    assertEquals(
        "{\"file\":\"a.csv\",\"line\":1003,\"offset\":7,\"raw\":\",\\\"line\\\":5\"}",
        QuarantineLines.shift(
            "{\"file\":\"a.csv\",\"line\":3,\"offset\":7,\"raw\":\",\\\"line\\\":5\"}", 1000));
    // A file name holding the text ,"line": is escaped inside its string and cannot match.
    assertEquals(
        "{\"file\":\"x,\\\"line\\\":9\",\"line\":12,\"offset\":0}",
        QuarantineLines.shift("{\"file\":\"x,\\\"line\\\":9\",\"line\":2,\"offset\":0}", 10));
  }
}
