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

  /**
   * With {@code --incremental --dedupe}: the directory of the keys earlier runs kept (read as extra
   * input, one base64 key per line), and whether the reducers write the keys this run keeps.
   */
  public static final String PRIOR_KEYS = "batchkit.clean.prior-keys";

  public static final String WRITE_KEYS = "batchkit.clean.write-keys";

  private CleanConfigKeys() {}
}
