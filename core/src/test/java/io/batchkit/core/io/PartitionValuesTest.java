package io.batchkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.core.schema.PartitionSpec;
import io.batchkit.core.schema.PartitionSpec.Granularity;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
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

  @Test
  void theBucketCacheNeverChangesAnAnswer() {
    ZoneId ny = ZoneId.of("America/New_York");
    for (Granularity g : new Granularity[] {Granularity.HOUR, Granularity.DAY, Granularity.MONTH}) {
      PartitionValues cached = p(g, ny);
      // Every 7 minutes across both 2024 daylight-saving changes, compared with a fresh instance.
      for (LocalDateTime t = LocalDateTime.of(2024, 3, 9, 0, 0);
          t.isBefore(LocalDateTime.of(2024, 11, 5, 0, 0));
          t = t.plusMinutes(t.getMonthValue() == 3 || t.getMonthValue() == 11 ? 7 : 997)) {
        assertEquals(p(g, ny).directory(t), cached.directory(t), g + " " + t);
      }
    }
  }

  @Test
  void valuesSharingOneDateObjectAreStillBucketedByTheirTime() {
    // The parser hands consecutive values of one day the same LocalDate object.
    LocalDate day = LocalDate.of(2024, 1, 31);
    for (ZoneId zone : new ZoneId[] {ZoneOffset.UTC, ZoneId.of("Europe/Paris")}) {
      for (Granularity g : new Granularity[] {Granularity.HOUR, Granularity.DAY}) {
        PartitionValues cached = p(g, zone);
        for (int hour = 0; hour < 24; hour++) {
          LocalDateTime t = LocalDateTime.of(day, LocalTime.of(hour, 30));
          assertEquals(p(g, zone).directory(t), cached.directory(t), zone + " " + g + " " + t);
        }
      }
    }
  }
}
