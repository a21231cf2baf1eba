package io.batchkit.mr.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimeCountsTest {
  @Test
  void hoursOfTwoPartsMergeToTheExactDailySeriesWithGapsAsZeros() throws Exception {
    Random random = new Random(4);
    LocalDateTime start = LocalDateTime.of(2023, 12, 30, 0, 0);
    TreeMap<String, Long> perDay = new TreeMap<>();
    TimeCounts a = new TimeCounts(true);
    TimeCounts b = new TimeCounts(true);
    for (int i = 0; i < 50_000; i++) {
      // 100 days, none on the 40th
      int day = random.nextInt(100);
      if (day == 40) {
        continue;
      }
      LocalDateTime t = start.plusDays(day).plusSeconds(random.nextInt(86_400));
      perDay.merge(t.toLocalDate().toString(), 1L, Long::sum);
      (i % 3 == 0 ? a : b).add(t);
    }
    a.merge(roundTrip(b));
    Map<String, Object> s = a.summary(true);
    assertEquals("day", s.get("unit"), "100 days are too many hours to draw");
    List<?> starts = (List<?>) s.get("starts");
    List<?> counts = (List<?>) s.get("counts");
    assertEquals(100, starts.size());
    for (int i = 0; i < starts.size(); i++) {
      assertEquals(
          perDay.getOrDefault((String) starts.get(i), 0L), counts.get(i), (String) starts.get(i));
    }
    assertEquals(0L, counts.get(40));
  }

  @Test
  void moreBucketsThanTheStateHoldsMoveToACoarserUnitExactly() {
    TimeCounts t = new TimeCounts(true);
    LocalDateTime start = LocalDateTime.of(2020, 1, 1, 0, 30);
    TreeMap<String, Long> perMonth = new TreeMap<>();
    int hours = 3 * 365 * 24; // more hours than MAX_BUCKETS
    for (int h = 0; h < hours; h++) {
      LocalDateTime v = start.plus(h, ChronoUnit.HOURS);
      t.add(v);
      perMonth.merge(v.toString().substring(0, 7), 1L, Long::sum);
    }
    Map<String, Object> s = t.summary(true);
    assertEquals("month", s.get("unit"));
    assertEquals(List.copyOf(perMonth.keySet()), s.get("starts"));
    assertEquals(List.copyOf(perMonth.values()), s.get("counts"));
  }

  private static TimeCounts roundTrip(TimeCounts t) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    t.write(new DataOutputStream(bytes));
    TimeCounts back = new TimeCounts(true);
    back.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    return back;
  }
}
