package io.batchkit.mr.profile;

/** read = valid + invalid (records breaking a rule in some column, or as a whole). */
public enum ProfileCounter {
  READ,
  VALID,
  INVALID,
  COLUMNS
}
