package io.batchkit.mr.upsert;

/**
 * Keys: inserted, updated, unchanged, deleted, delete_missing (a delete for an absent key). Rows:
 * read = invalid + superseded + one winning row per key above.
 */
public enum UpsertCounter {
  SNAPSHOT_READ,
  BATCH_READ,
  INVALID,
  INSERTED,
  UPDATED,
  UNCHANGED,
  DELETED,
  DELETE_MISSING,
  SUPERSEDED
}
