package io.batchkit.mr.convert;

/**
 * The configuration keys by which the {@code convert} driver hands its options to its tasks: set
 * once by the driver, read in the tasks' {@code setup}. In one place, so that writer and reader
 * cannot drift apart.
 */
public final class ConvertConfigKeys {
  public static final String FORMAT = "batchkit.convert.format";

  public static final String COMPRESSION = "batchkit.convert.compression";

  public static final String TARGET = "batchkit.convert.target-bytes";

  public static final String BINS = "batchkit.convert.bins";

  /** The indexes of the columns written ({@code --columns}, {@code --drop}); unset: all. */
  public static final String COLUMNS = "batchkit.convert.columns";

  private ConvertConfigKeys() {}
}
