package io.batchkit.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  @Test
  void isHmacSha256AsRfc4231GivesIt() {
    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
    String rfc = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    assertEquals(
        rfc, new Pseudonymizer("Jefe".toCharArray()).pseudonym("what do ya want for nothing?"));
    assertEquals(rfc, HmacReference.hex("Jefe", "what do ya want for nothing?"), "the oracle");
  }

  @Test
  void everyValueGetsTheHmacOfItsUtf8UnderTheKeysUtf8() {
    // Keys of one byte per char, of several (UTF-8), and longer than SHA-256's 64-byte block.
    String[] keys = {"k1", "clé-ü-€", "x".repeat(100)};
    Random random = new Random(3);
    for (String key : keys) {
      Pseudonymizer p = new Pseudonymizer(key.toCharArray());
      for (int i = 0; i < 300; i++) {
        StringBuilder v = new StringBuilder();
        for (int n = random.nextInt(40); n > 0; n--) {
          v.append(
              (char)
                  (random.nextBoolean() ? 'A' + random.nextInt(26) : 0xa0 + random.nextInt(400)));
        }
        String value = v.toString();
        assertEquals(HmacReference.hex(key, value), p.pseudonym(value), key + " " + value);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(new char[0]));
  }
}
