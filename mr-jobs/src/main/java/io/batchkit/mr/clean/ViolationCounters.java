package io.batchkit.mr.clean;

import io.batchkit.core.rules.Rule;
import io.batchkit.core.rules.Violation;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * A task's counters of quarantined records: per rule and column ({@link CleanJob#VIOLATIONS_GROUP})
 * and records per rule ({@link CleanJob#RULES_GROUP}). Each counter is looked up once: by name, a
 * lookup built a string and searched the task's counter groups under a lock for every violation.
 */
final class ViolationCounters {
  private final TaskAttemptContext context;
  private final Map<Rule, Counter> records = new EnumMap<>(Rule.class);
  private final Map<Rule, Map<String, Counter>> byColumn = new EnumMap<>(Rule.class);

  ViolationCounters(TaskAttemptContext context) {
    this.context = context;
  }

  /** Counts one quarantined record's violations. */
  void count(List<Violation> violations) {
    for (int i = 0; i < violations.size(); i++) {
      Violation v = violations.get(i);
      String column = v.column() == null ? "*" : v.column();
      byColumn
          .computeIfAbsent(v.rule(), r -> new HashMap<>())
          .computeIfAbsent(
              column, c -> context.getCounter(CleanJob.VIOLATIONS_GROUP, v.rule().id() + " " + c))
          .increment(1);
      if (firstOfItsRule(violations, i)) {
        // Records per rule: a record breaking one rule in two columns counts once here.
        records
            .computeIfAbsent(v.rule(), r -> context.getCounter(CleanJob.RULES_GROUP, r.id()))
            .increment(1);
      }
    }
  }

  private static boolean firstOfItsRule(List<Violation> violations, int i) {
    for (int j = 0; j < i; j++) {
      if (violations.get(j).rule() == violations.get(i).rule()) {
        return false;
      }
    }
    return true;
  }
}
