package io.batchkit.mr.upsert;

/**
 * The configuration keys by which the {@code upsert} driver hands its options to its tasks: set
 * once by the driver, read in the tasks' {@code setup}. In one place, so that writer and reader
 * cannot drift apart.
 */
public final class UpsertConfigKeys {
  public static final String SOURCES = "batchkit.upsert.sources";

  public static final String ORDER = "batchkit.upsert.order-by";

  public static final String DELETE_COLUMN = "batchkit.upsert.delete-column";

  public static final String DELETE_VALUE = "batchkit.upsert.delete-value";

  private UpsertConfigKeys() {}
}
