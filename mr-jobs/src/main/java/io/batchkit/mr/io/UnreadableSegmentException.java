package io.batchkit.mr.io;

import java.io.IOException;

/**
 * A file of a task's split could not be read on: it names the segment, and the reader goes on with
 * the next segment if asked again ({@code --bad-files skip}).
 */
public final class UnreadableSegmentException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int segment;

  UnreadableSegmentException(int segment, IOException cause) {
    super(cause.getMessage(), cause);
    this.segment = segment;
  }

  public int segment() {
    return segment;
  }

  /** What the reader itself threw. */
  public IOException reason() {
    return (IOException) getCause();
  }
}
