package io.batchkit.mr.common;

/**
 * A problem the user can fix (an argument, a path, a schema), reported as one line with what to do,
 * and exit code 2. Never shown with a stack trace.
 */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message, null, false, false);
  }
}
