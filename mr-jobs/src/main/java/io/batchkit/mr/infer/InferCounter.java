package io.batchkit.mr.infer;

/** What infer read: records learned from, held out to check the proposal, and their shapes. */
public enum InferCounter {
  READ,
  LEARNED,
  HELD_OUT,
  MULTILINE,
  RAGGED
}
