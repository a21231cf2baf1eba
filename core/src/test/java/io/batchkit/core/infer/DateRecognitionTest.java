package io.batchkit.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dates and times real files write, each recognised as the java.time pattern a person would
 * write for them (expected patterns written by hand), from every value rather than the first.
 */
class DateRecognitionTest {
  static ColumnProposal propose(boolean dayFirst, String... values) {
    ColumnEvidence e = new ColumnEvidence();
    for (String v : values) {
      e.add(v);
    }
    return ColumnProposal.of("c", e, false, false, dayFirst);
  }

  static void assertProposed(String type, List<String> formats, String... values) {
    ColumnProposal p = propose(false, values);
    assertEquals(type, p.type(), List.of(values).toString());
    assertEquals(formats, p.formats(), List.of(values).toString());
  }

  static String comments(ColumnProposal p) {
    StringBuilder y = new StringBuilder();
    p.yaml(y);
    return y.toString();
  }

  @Test
  void numericDatesInEveryOrderAndSeparator() {
    assertProposed("date", List.of("yyyy-MM-dd"), "2024-01-05", "2023-12-31");
    assertProposed("date", List.of("yyyy-M-d"), "2024-1-5", "2023-12-31");
    assertProposed("date", List.of("yyyy/MM/dd"), "2024/01/05", "2023/12/31");
    assertProposed("date", List.of("yyyy MM dd"), "2024 01 05", "2023 12 31");
    assertProposed("date", List.of("dd.MM.yyyy"), "05.01.2024", "31.12.2023");
    assertProposed("date", List.of("d.M.yyyy"), "5.1.2024", "31.12.2023");
    assertProposed("date", List.of("M/d/yyyy"), "3/4/2024", "12/25/2023");
    assertProposed("date", List.of("d/M/yyyy"), "3/4/2024", "25/12/2023");
    assertProposed("date", List.of("MM-dd-yyyy"), "03-04-2024", "12-25-2023");
    assertProposed("date", List.of("dd-MM-yyyy"), "03-04-2024", "25-12-2023");
    assertProposed("date", List.of("M/d/yy"), "1/5/24", "12/25/23");
    assertProposed("date", List.of("dd.MM.yy"), "05.01.24", "31.12.23");
  }

  @Test
  void monthNamesShortAndFullWithOrWithoutAComma() {
    assertProposed("date", List.of("MMM d, yyyy"), "Jan 5, 2024", "Dec 31, 2023");
    assertProposed("date", List.of("MMM dd yyyy"), "Jan 05 2024", "Dec 31 2023");
    assertProposed("date", List.of("MMMM d, yyyy"), "January 5, 2024", "December 31, 2023");
    assertProposed("date", List.of("dd-MMM-yyyy"), "05-Jan-2024", "31-DEC-2023");
    assertProposed("date", List.of("d MMMM yyyy"), "5 January 2024", "31 December 2023");
    assertProposed("date", List.of("dd-MMM-yy"), "05-Jan-24", "31-Dec-23");
  }

  @Test
  void dayFirstOrMonthFirstIsSettledByAValueAboveTwelveInAnyRow() {
    // The first row alone reads both ways; the second settles day first.
    assertProposed("date", List.of("dd/MM/yyyy"), "01/02/2024", "13/02/2024");
    assertProposed("date", List.of("MM/dd/yyyy"), "01/02/2024", "02/13/2024");
    ColumnProposal settled = propose(false, "01/02/2024", "13/02/2024");
    assertFalse(comments(settled).contains("guess"), comments(settled));
  }

  @Test
  void anOpenOrderFollowsDateOrderAndSaysItWasAGuess() {
    ColumnProposal mdy = propose(false, "03/04/2024", "12/01/2023");
    assertEquals(List.of("MM/dd/yyyy"), mdy.formats());
    assertTrue(
        comments(mdy).contains("dd/MM/yyyy fits too: no day above 12 seen; month first is a guess"),
        comments(mdy));
    ColumnProposal dmy = propose(true, "03/04/2024", "12/01/2023");
    assertEquals(List.of("dd/MM/yyyy"), dmy.formats());
    assertTrue(
        comments(dmy).contains("MM/dd/yyyy fits too: no day above 12 seen; day first is a guess"),
        comments(dmy));
    assertEquals(List.of("d/M/yy"), propose(true, "3/4/24", "12/1/23").formats());
  }

  @Test
  void timestampsWithEitherClockAndIso8601() {
    assertProposed(
        "timestamp", List.of("yyyy-MM-dd HH:mm:ss"), "2024-01-05 10:00:00", "2023-12-31 23:59:59");
    assertProposed(
        "timestamp", List.of("M/d/yyyy h:mm[:ss] a"), "1/5/2024 3:07 PM", "12/25/2023 11:59 AM");
    assertProposed(
        "timestamp",
        List.of("MM/dd/yyyy hh:mm:ss a"),
        "01/05/2024 03:07:00 PM",
        "12/25/2023 11:59:59 AM");
    assertProposed(
        "timestamp", List.of("dd.MM.yyyy HH:mm"), "05.01.2024 15:07", "31.12.2023 23:59");
    assertProposed(
        "timestamp", List.of("d/M/yyyy H:mm[:ss]"), "5/1/2024 15:07", "31/12/2023 9:59:30");
    // ISO 8601: the timestamp type's default reads T or space, 0 to 9 fraction digits, Z, offsets.
    assertProposed(
        "timestamp",
        List.of(),
        "2024-01-05T10:00:00Z",
        "2024-01-05T10:00:00.123456789+02:00",
        "2024-01-05T10:00:00.5-05:00");
    assertProposed("timestamp", List.of(), "2024-01-05 10:00:00.5", "2024-01-05 10:00:00.123456");
  }

  @Test
  void versionsIdsAndCodesAreNotDates() {
    assertProposed("string", List.of(), "1.2.3", "2.0.10", "10.4.1");
    assertProposed("string", List.of(), "1.2.30", "1.12.24");
    assertProposed("string", List.of(), "12-10-22", "11-03-19");
    assertProposed("string", List.of(), "A-12-2024", "B-01-2023");
    assertProposed("bigint", List.of(), "20240105001", "20231231002");
    // A date column with one value that is no date is a string column: nothing guessed from most.
    assertProposed("string", List.of(), "2024-01-05", "2024-01-06", "soon");
  }

  @Test
  void integersThatReadAsEpochTimesSaySoInAComment() {
    // Hand-checked with Python's datetime.utcfromtimestamp: movielens's first and last ratings.
    ColumnProposal seconds = propose(false, "789652009", "1476640644");
    assertEquals("int", seconds.type());
    assertTrue(
        comments(seconds)
            .contains(
                "# as epoch seconds these are 1995-01-09 11:46:49 to 2016-10-16 17:57:24 UTC:"
                    + " type: timestamp, formats: [epoch_seconds]"),
        comments(seconds));
    assertTrue(
        comments(propose(false, "1700000000000", "1701436400000"))
            .contains("as epoch millis these are 2023-11-14 22:13:20 to 2023-12-01 13:13:20 UTC"));
    assertFalse(comments(propose(false, "5", "1476640644")).contains("epoch"));
    assertFalse(comments(propose(false, "789652009", "5000000000")).contains("epoch"));
    assertFalse(comments(propose(false, "789652009.5", "1476640644")).contains("epoch"));
  }
}
