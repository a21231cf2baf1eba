package io.batchkit.mr.clean;

import io.batchkit.mr.common.Manifest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;

/** What a clean run counted: every record's fate, violations by rule and by rule and column. */
record CleanCounts(
    long read,
    long clean,
    long quarantined,
    long duplicates,
    Map<String, Long> rules,
    Map<String, Map<String, Long>> violations,
    Map<String, Long> skipped) {

  static CleanCounts of(Counters c) throws IOException {
    Map<String, Long> rules = new TreeMap<>();
    for (Counter v : c.getGroup(CleanJob.RULES_GROUP)) {
      rules.put(v.getName(), v.getValue());
    }
    Map<String, Map<String, Long>> violations = new TreeMap<>();
    for (Counter v : c.getGroup(CleanJob.VIOLATIONS_GROUP)) {
      String[] ruleColumn = v.getName().split(" ", 2);
      violations
          .computeIfAbsent(ruleColumn[0], r -> new TreeMap<>())
          .put(ruleColumn[1], v.getValue());
    }
    Map<String, Long> skipped = new LinkedHashMap<>();
    skipped.put("header_lines", c.findCounter(CleanCounter.HEADER_LINES).getValue());
    skipped.put("blank_lines", c.findCounter(CleanCounter.BLANK_LINES).getValue());
    return new CleanCounts(
        c.findCounter(CleanCounter.READ).getValue(),
        c.findCounter(CleanCounter.CLEAN).getValue(),
        c.findCounter(CleanCounter.QUARANTINED).getValue(),
        c.findCounter(CleanCounter.DUPLICATES).getValue(),
        rules,
        violations,
        skipped);
  }

  /** The equation every run must satisfy, written out when it does not; null when it does. */
  String unreconciled() {
    return read == clean + quarantined + duplicates
        ? null
        : "read "
            + read
            + " != clean "
            + clean
            + " + quarantined "
            + quarantined
            + " + duplicates "
            + duplicates;
  }

  Manifest into(Manifest m) {
    return m.count("read", read)
        .count("clean", clean)
        .count("quarantined", quarantined)
        .count("duplicates", duplicates)
        .detail("skipped", skipped)
        .detail("quarantined_by_rule", rules)
        .detail("violations", violations);
  }
}
