package io.batchkit.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnRulesTest {
  static final Schema SCHEMA =
      SchemaParser.parse(
          """
          name: t
          nulls: ["", "NA"]
          columns:
            - {name: id, type: int, required: true, allowed: [1, 2, 3]}
            - {name: n, type: int, min: 0, max: 9}
            - {name: fare, type: "decimal(6,2)", min: 0, max: 1000}
            - {name: flag, type: string, allowed: [Y, N], normalize: [trim, upper]}
            - {name: note, type: string, min_length: 2, max_length: 5, normalize: [trim, collapse_whitespace]}
            - {name: code, type: string, pattern: "[A-Z]{3}"}
            - {name: raw, type: string}
          """
              .getBytes(StandardCharsets.UTF_8),
          "t.yaml");

  final RowCleaner cleaner = new RowCleaner(SCHEMA);

  List<Violation> violations(String... fields) {
    List<Violation> out = new ArrayList<>();
    cleaner.clean(Arrays.asList(fields), new Object[cleaner.width()], out);
    return out;
  }

  Object[] values(String... fields) {
    Object[] v = new Object[cleaner.width()];
    List<Violation> out = new ArrayList<>();
    assertTrue(cleaner.clean(Arrays.asList(fields), v, out), () -> out.toString());
    return v;
  }

  @Test
  void aCleanRowIsTypedAndNormalised() {
    Object[] v = values("2", "NA", "12.5", " y ", "  a \t b ", "ABC", " keep ");
    assertEquals(2, v[0]);
    assertNull(v[1], "NA is null");
    assertEquals(new BigDecimal("12.50"), v[2]);
    assertEquals("Y", v[3]);
    assertEquals("a b", v[4]);
    assertEquals("ABC", v[5]);
    assertEquals(" keep ", v[6], "strings without normalise keep their blanks");
  }

  @Test
  void nullTokensAreMatchedAfterTrimmingForNonStrings() {
    assertNull(values("1", " NA ", "", "", "", "", "")[1]);
    assertNull(values("1", "", "", "", "", "", "")[6], "empty string is a null token");
  }

  @Test
  void everyBrokenRuleIsReported() {
    List<Violation> v = violations("", "12", "-1", "x", "abcdefg", "abc", "");
    assertEquals(
        List.of(
            new Violation("id", Rule.REQUIRED, ""),
            new Violation("n", Rule.MAX, "12"),
            new Violation("fare", Rule.MIN, "-1"),
            new Violation("flag", Rule.ALLOWED, "X"),
            new Violation("note", Rule.MAX_LENGTH, "abcdefg"),
            new Violation("code", Rule.PATTERN, "abc")),
        v);
  }

  @Test
  void typeFailuresAreReportedWithTheRawValue() {
    assertEquals(
        List.of(
            new Violation("id", Rule.ALLOWED, "4"),
            new Violation("n", Rule.TYPE, "two"),
            new Violation("fare", Rule.SCALE, "1.234"),
            new Violation("note", Rule.MIN_LENGTH, "a")),
        violations("4", "two", "1.234", "N", " a ", "", ""));
  }

  @Test
  void lengthsCountCharactersNotBytesOrUtf16Units() {
    // Five characters, one outside the BMP (two UTF-16 units) and two non-ASCII.
    assertTrue(violations("1", "", "", "", "é🚕ab\u00e7", "", "").isEmpty());
    assertEquals(Rule.MAX_LENGTH, violations("1", "", "", "", "é🚕abcd", "", "").get(0).rule());
  }

  @Test
  void wrongFieldCountIsOneRecordLevelViolation() {
    assertEquals(
        List.of(new Violation(null, Rule.FIELD_COUNT, "expected 7 fields, found 2")),
        violations("1", "2"));
  }

  @Test
  void collapseWhitespaceLeavesSingleSpacesAlone() {
    assertEquals("a b", ColumnRules.collapseWhitespace("a b"));
    assertEquals(" a b ", ColumnRules.collapseWhitespace("\t a\n\n b  "));
    assertEquals("ab", ColumnRules.stripControl("a\u0000b\u0007"));
  }
}
