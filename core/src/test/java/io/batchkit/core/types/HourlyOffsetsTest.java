package io.batchkit.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cached offsets against java.time's rules, asked directly, at every 7th minute of 3 years. */
class HourlyOffsetsTest {
  private static final List<String> ZONES =
      List.of(
          "America/New_York",
          "Europe/London",
          "Australia/Lord_Howe", // a 30-minute daylight-saving shift
          "Asia/Kolkata",
          "America/St_Johns", // -03:30, shifts at 02:00 local
          "UTC");

  @Test
  void everyLocalTimeAndInstantGetsTheRulesOwnOffset() {
    Random random = new Random(7);
    for (String name : ZONES) {
      ZoneId zone = ZoneId.of(name);
      ZoneRules rules = zone.getRules();
      HourlyOffsets offsets = new HourlyOffsets(zone);
      long from = LocalDateTime.of(2023, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
      long to = LocalDateTime.of(2026, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
      int gaps = 0;
      for (long s = from; s < to; s += 7 * 60 + random.nextInt(60)) {
        LocalDateTime local =
            LocalDateTime.ofEpochSecond(s, random.nextInt(1000) * 1000, ZoneOffset.UTC);
        List<ZoneOffset> valid = rules.getValidOffsets(local);
        int expected = valid.isEmpty() ? HourlyOffsets.NONEXISTENT : valid.get(0).getTotalSeconds();
        gaps += valid.isEmpty() ? 1 : 0;
        assertEquals(expected, offsets.ofLocal(local), name + " local " + local);
        assertEquals(
            rules.getOffset(Instant.ofEpochSecond(s)).getTotalSeconds(),
            offsets.ofUtc(s),
            name + " instant " + Instant.ofEpochSecond(s));
        assertEquals(
            local.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDateTime(),
            offsets.toLocal(local),
            name + " as local time " + local);
      }
      boolean shifts = !rules.isFixedOffset() && !name.equals("Asia/Kolkata");
      assertEquals(shifts, gaps > 0, name + ": local times in a gap were met");
    }
  }

  @Test
  void anHourHalfInAGapIsNeverRemembered() {
    // Lord Howe Island moves from +10:30 to +11:00 at 02:00 local: 02:00-02:29 do not exist.
    HourlyOffsets offsets = new HourlyOffsets(ZoneId.of("Australia/Lord_Howe"));
    LocalDateTime after = LocalDateTime.of(2024, 10, 6, 2, 45);
    assertEquals(11 * 3600, offsets.ofLocal(after));
    assertEquals(HourlyOffsets.NONEXISTENT, offsets.ofLocal(after.withMinute(10)));
    // ... and back at 02:00 to 01:30: 01:30-01:59 happen twice, the earlier offset first.
    LocalDateTime before = LocalDateTime.of(2024, 4, 7, 1, 10);
    assertEquals(11 * 3600, offsets.ofLocal(before));
    assertEquals(11 * 3600, offsets.ofLocal(before.withMinute(45)));
    assertEquals(37800, offsets.ofLocal(before.withHour(2).withMinute(5)));
  }
}
