package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import io.batchkit.mr.testing.TaskHarness;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;

class ViolationCountersTest {
  @Test
  void countsEachColumnsViolationsAndEachRulesRecordsOnce() {
    TaskHarness.Reporter reporter = new TaskHarness.Reporter();
    Counters counters = reporter.counters;
    ViolationCounters count =
        new ViolationCounters(
            new TaskAttemptContextImpl(new Configuration(false), new TaskAttemptID(), reporter));
    Violation minFare = new Violation("fare", Rule.MIN, "-3");
    Violation minTip = new Violation("tip", Rule.MIN, "-1");
    Violation typeAt = new Violation("at", Rule.TYPE, "x");
    Violation fields = new Violation(null, Rule.FIELD_COUNT, null);
    count.count(List.of(minFare, typeAt, minTip)); // min broken twice in one record
    count.count(List.of(minFare));
    count.count(List.of(fields));
    count.count(List.of(typeAt, minTip));

    assertEquals(2, value(counters, CleanJob.VIOLATIONS_GROUP, "min fare"));
    assertEquals(2, value(counters, CleanJob.VIOLATIONS_GROUP, "min tip"));
    assertEquals(2, value(counters, CleanJob.VIOLATIONS_GROUP, "type at"));
    assertEquals(1, value(counters, CleanJob.VIOLATIONS_GROUP, "field_count *"));
    assertEquals(4, counters.getGroup(CleanJob.VIOLATIONS_GROUP).size());
    // records per rule: min in records 1, 2 and 4; type in 1 and 4; field_count in 3
    assertEquals(3, value(counters, CleanJob.RULES_GROUP, "min"));
    assertEquals(2, value(counters, CleanJob.RULES_GROUP, "type"));
    assertEquals(1, value(counters, CleanJob.RULES_GROUP, "field_count"));
    assertEquals(3, counters.getGroup(CleanJob.RULES_GROUP).size());
  }

  private static long value(Counters counters, String group, String name) {
    return counters.findCounter(group, name).getValue();
  }
}
