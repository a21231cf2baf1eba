package io.batchkit.core.quality;

import java.util.Locale;

/** What a check found: its value (null when the run has none) and whether it passed. */
public record CheckResult(Check check, Double value, Status status, String detail) {
  public enum Status {
    PASS,
    WARN,
    FAIL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One line: {@code FAIL quarantined_ratio <= 0.01: 0.4 (schema.yaml line 12)}. */
  public String line() {
    return status.name()
        + " "
        + check.condition()
        + ": "
        + (value == null ? "no value" : Check.number(value))
        + (detail == null ? "" : " (" + detail + ")")
        + (check.where() == null ? "" : " [" + check.where() + "]");
  }
}
