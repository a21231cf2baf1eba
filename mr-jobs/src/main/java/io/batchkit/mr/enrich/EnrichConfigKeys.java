package io.batchkit.mr.enrich;

/**
 * The configuration keys by which the {@code enrich} driver hands its options to its tasks: set
 * once by the driver, read in the tasks' {@code setup}. In one place, so that writer and reader
 * cannot drift apart.
 */
public final class EnrichConfigKeys {
  public static final String ON = "batchkit.enrich.on";

  public static final String COLUMNS = "batchkit.enrich.columns";

  public static final String PREFIX = "batchkit.enrich.prefix";

  public static final String UNMATCHED = "batchkit.enrich.unmatched";

  public static final String LOOKUP_FILES = "batchkit.enrich.lookup-files";

  public static final String LOOKUP_KIND = "batchkit.enrich.lookup-kind";

  private EnrichConfigKeys() {}
}
