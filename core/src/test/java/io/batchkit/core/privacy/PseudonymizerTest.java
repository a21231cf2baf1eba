package io.batchkit.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  @Test
  void isHmacSha256AsRfc4231GivesIt() {
    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        new Pseudonymizer("Jefe".toCharArray()).pseudonym("what do ya want for nothing?"));
  }

  @Test
  void sameValueSamePseudonymOtherKeyOtherPseudonym() {
    Pseudonymizer a = new Pseudonymizer("k1".toCharArray());
    assertEquals(a.pseudonym("AB1234"), a.pseudonym("AB1234"));
    assertNotEquals(
        a.pseudonym("AB1234"), new Pseudonymizer("k2".toCharArray()).pseudonym("AB1234"));
    assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(new char[0]));
  }
}
