package io.batchkit.mr.aggregate;

/**
 * The configuration keys by which the {@code aggregate} driver hands its options to its tasks: set
 * once by the driver, read in the tasks' {@code setup}. In one place, so that writer and reader
 * cannot drift apart.
 */
public final class AggregateConfigKeys {
  /** Whether the combiner runs ({@code --no-combiner} turns it off). */
  public static final String COMBINE = "batchkit.aggregate.combine";

  /**
   * Groups a map task merges in memory before emitting them all (then it starts again). Bounded
   * because a group's state can be large (an HLL sketch in HLL mode holds 32 KB).
   */
  public static final String MAP_GROUPS = "batchkit.aggregate.map-groups";

  public static final String GROUP_BY = "batchkit.aggregate.group-by";

  public static final String FILTER = "batchkit.aggregate.filter";

  public static final String TIMEZONE = "batchkit.aggregate.timezone";

  public static final String METRICS = "batchkit.aggregate.metrics";

  /** Whether approximate metrics keep their sketches in the output ({@code --sketches}). */
  public static final String SKETCHES = "batchkit.aggregate.sketches";

  private AggregateConfigKeys() {}
}
