package io.batchkit.mr.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.mr.common.UsageException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupByTest {
  static final Schema SCHEMA =
      SchemaParser.parse(
          String.join(
                  "\n",
                  "name: strikes",
                  "columns:",
                  "  - {name: seen_at, type: timestamp}",
                  "  - {name: flight_date, type: date}",
                  "  - {name: phase, type: string}",
                  "")
              .getBytes(StandardCharsets.UTF_8),
          "t.yaml");

  static Object[] keys(String zone, Object[] row, String... specs) throws UsageException {
    return GroupBy.parse("aggregate", List.of(specs), zone, SCHEMA).values(row).clone();
  }

  @Test
  void timestampsAreBucketedInTheZonesCalendarAndDatesAsTheyAre() throws UsageException {
    // 23:30 UTC on New Year's Eve is 00:30 on New Year's Day in Berlin (UTC+1 in winter).
    Object[] row = {
      LocalDateTime.parse("2023-12-31T23:30:00"), LocalDate.parse("2024-02-29"), "Climb"
    };
    String[] specs = {"seen_at:hour", "seen_at:day", "seen_at:month", "seen_at:year", "phase"};
    assertArrayEquals(
        new Object[] {
          LocalDateTime.parse("2024-01-01T00:00:00"),
          LocalDate.parse("2024-01-01"),
          LocalDate.parse("2024-01-01"),
          LocalDate.parse("2024-01-01"),
          "Climb"
        },
        keys("Europe/Berlin", row, specs));
    assertArrayEquals(
        new Object[] {
          LocalDateTime.parse("2023-12-31T23:00:00"),
          LocalDate.parse("2023-12-31"),
          LocalDate.parse("2023-12-01"),
          LocalDate.parse("2023-01-01"),
          "Climb"
        },
        keys("UTC", row, specs));
    assertArrayEquals(
        new Object[] {
          LocalDate.parse("2024-02-29"),
          LocalDate.parse("2024-02-01"),
          LocalDate.parse("2024-01-01")
        },
        keys("UTC", row, "flight_date:day", "flight_date:month", "flight_date:year"));
    assertArrayEquals(
        new Object[] {null, null}, keys("UTC", new Object[3], "seen_at:year", "flight_date:month"));
  }

  @Test
  void aBucketOutOfPlaceIsAUsageError() {
    UsageException week =
        assertThrows(UsageException.class, () -> keys("UTC", new Object[3], "seen_at:week"));
    assertEquals(
        "aggregate: --group-by seen_at:week: the bucket must be hour, day, month or year",
        week.getMessage());
    UsageException hour =
        assertThrows(UsageException.class, () -> keys("UTC", new Object[3], "flight_date:hour"));
    assertEquals(
        "aggregate: --group-by flight_date:hour: flight_date is date, not a timestamp",
        hour.getMessage());
  }
}
