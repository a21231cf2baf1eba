package io.batchkit.mr.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id of one run of a job on an output: its start in UTC to the millisecond, so that ids sort in
 * time order, and a random suffix so that two machines never collide ({@code
 * 20261130T074310123Z-3f9a}).
 */
public final class RunId {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private RunId() {}

  public static String at(Instant start) {
    return FORMAT.format(start)
        + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
