package io.batchkit.mr.split;

/**
 * The configuration keys by which the {@code split} driver hands its options to its tasks: set once
 * by the driver, read in the tasks' {@code setup}. In one place, so that writer and reader cannot
 * drift apart.
 */
public final class SplitConfigKeys {
  public static final String RATIOS = "batchkit.split.ratios";

  public static final String SEED = "batchkit.split.seed";

  public static final String LABEL = "batchkit.split.label";

  private SplitConfigKeys() {}
}
