package io.batchkit.core.schema;

import java.util.Locale;

/** String normalisations a column may ask for, applied in the order the schema lists them. */
public enum Normalization {
  TRIM,
  UPPER,
  LOWER,
  COLLAPSE_WHITESPACE,
  /** Removes control characters (other than tab), which break downstream text formats. */
  STRIP_CONTROL;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Normalization parse(String text) {
    for (Normalization n : values()) {
      if (n.key().equals(text)) {
        return n;
      }
    }
    throw new IllegalArgumentException(
        "unknown normalisation '"
            + text
            + "' (expected trim, upper, lower, collapse_whitespace, strip_control)");
  }
}
