package io.batchkit.core.privacy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonymisation, the one implementation behind {@code pseudonymize: true} columns in the
 * jobs and {@code bk_pseudonymize} in Hive: HMAC-SHA256 of the value's UTF-8 text, as lower-case
 * hex. The same value and key always give the same pseudonym (joins and counts still work); without
 * the key it cannot be recomputed. Not thread-safe; make one per task.
 */
public final class Pseudonymizer {
  /** The name under which the key is looked up (a Hadoop credential provider, or a -conf file). */
  public static final String KEY = "batchkit.hmac.key";

  private static final HexFormat HEX = HexFormat.of();
  private final Mac mac;

  /**
   * @param key the secret; its UTF-8 bytes are the HMAC key
   */
  public Pseudonymizer(char[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("the key " + KEY + " is empty");
    }
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(key));
    byte[] raw = Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(raw, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The pseudonym of a value's text: 64 hex characters. */
  public String pseudonym(String text) {
    return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
