package io.batchkit.mr.clean;

/**
 * The configuration keys by which the {@code clean} driver hands its options to its tasks: set once
 * by the driver, read in the tasks' {@code setup}. In one place, so that writer and reader cannot
 * drift apart.
 */
public final class CleanConfigKeys {
  public static final String FORMAT = "batchkit.clean.output-format";

  public static final String INPUTS = "batchkit.clean.inputs";

  /** The indexes of the columns written ({@code --columns}, {@code --drop}); unset: all. */
  public static final String COLUMNS = "batchkit.clean.columns";

  private CleanConfigKeys() {}
}
