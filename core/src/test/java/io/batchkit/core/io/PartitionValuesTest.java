package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.core.schema.PartitionSpec;
import io.batchkit.core.schema.PartitionSpec.Granularity;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PartitionValuesTest {
  static PartitionValues p(Granularity g, ZoneId zone) {
    return new PartitionValues(new PartitionSpec("dt", "t", g, zone));
  }

  @Test
  void timestampsAreBucketedInThePartitionZone() {
    LocalDateTime utc = LocalDateTime.of(2024, 2, 1, 3, 30); // 22:30 on Jan 31 in New York
    assertEquals("dt=2024-02-01", p(Granularity.DAY, ZoneOffset.UTC).directory(utc));
    assertEquals("dt=2024-01-31", p(Granularity.DAY, ZoneId.of("America/New_York")).directory(utc));
    assertEquals(
        "dt=2024-01-31-22", p(Granularity.HOUR, ZoneId.of("America/New_York")).directory(utc));
    assertEquals("dt=2024-02", p(Granularity.MONTH, ZoneOffset.UTC).directory(utc));
    assertEquals("dt=2024", p(Granularity.YEAR, ZoneOffset.UTC).directory(utc));
    assertEquals(
        "dt=2024-03-05", p(Granularity.DAY, ZoneOffset.UTC).directory(LocalDate.of(2024, 3, 5)));
  }

  @Test
  void nullsGoToHivesDefaultPartitionAndOddCharactersAreEscapedAsHiveDoes() {
    PartitionValues id = p(Granularity.IDENTITY, ZoneOffset.UTC);
    assertEquals("dt=__HIVE_DEFAULT_PARTITION__", id.directory(null));
    assertEquals("dt=a%2Fb%3Dc%3A d", id.directory("a/b=c: d"));
    assertEquals("dt=7", id.directory(7));
  }
}
