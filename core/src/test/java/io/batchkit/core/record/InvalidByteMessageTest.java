package io.batchkit.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InvalidByteMessageTest {
  /** Every byte value, against the Formatter pattern the message was written with before. */
  @Test
  void readsAsTheFormatterWroteIt() {
    for (int b = 0; b < 256; b++) {
      for (int at : new int[] {0, 7, 1234567}) {
        assertEquals(
            String.format("byte 0x%02X at byte %d is not valid %s", b, at, "UTF-8"),
            RawRecords.invalidByte((byte) b, at, "UTF-8"));
      }
    }
  }
}
