package io.batchkit.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * HMAC-SHA256 built here from its definition (RFC 2104: H((K ^ opad) || H((K ^ ipad) || m)) over
 * SHA-256 alone), the tests' oracle for pseudonyms: it shares no code with {@link Pseudonymizer},
 * which uses the JDK's {@code Mac}.
 */
public final class HmacReference {
  private static final int BLOCK = 64;

  private HmacReference() {}

  /** The lower-case hex HMAC-SHA256 of {@code text}'s UTF-8 bytes under {@code key}'s. */
  public static String hex(String key, String text) {
    try {
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      if (k.length > BLOCK) {
        k = MessageDigest.getInstance("SHA-256").digest(k);
      }
      byte[] ipad = new byte[BLOCK];
      byte[] opad = new byte[BLOCK];
      for (int i = 0; i < BLOCK; i++) {
        byte b = i < k.length ? k[i] : 0;
        ipad[i] = (byte) (b ^ 0x36);
        opad[i] = (byte) (b ^ 0x5c);
      }
      MessageDigest inner = MessageDigest.getInstance("SHA-256");
      inner.update(ipad);
      byte[] h = inner.digest(text.getBytes(StandardCharsets.UTF_8));
      MessageDigest outer = MessageDigest.getInstance("SHA-256");
      outer.update(opad);
      return HexFormat.of().formatHex(outer.digest(h));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
