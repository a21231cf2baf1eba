package io.batchkit.core.io;

/** A record that is not well-formed CSV; it is quarantined with rule {@code malformed}. */
public final class MalformedRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String message) {
    super(message, null, false, false);
  }
}
