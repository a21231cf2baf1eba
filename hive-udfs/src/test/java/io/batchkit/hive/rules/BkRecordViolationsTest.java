package io.batchkit.hive.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.hive.Inspectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.junit.jupiter.api.Test;

/** Whole raw lines, hand-checked against the trips schema's rules and its CSV format. */
class BkRecordViolationsTest {
  static final String CLEAN =
      "1,2024-01-31 10:00:00,2024-01-31 10:20:00,2,3.5,10,20,12.50,n,\" a, b \",1";

  static List<String> violations(BkRecordViolations f, String line) throws Exception {
    List<String> out = new ArrayList<>();
    for (Object v : (List<?>) f.evaluate(Inspectors.values("schema", line))) {
      Object[] s = (Object[]) v;
      out.add(s[0] + " " + s[1] + " " + s[2]);
    }
    return out;
  }

  static BkRecordViolations trips() throws Exception {
    BkRecordViolations f = new BkRecordViolations();
    f.initialize(
        new ObjectInspector[] {
          Inspectors.constant("file://" + BkViolationsTest.TRIPS), Inspectors.string()
        });
    return f;
  }

  @Test
  void aLineIsSplitAsCleanSplitsItThenEveryRuleIsChecked() throws Exception {
    BkRecordViolations f = trips();
    assertEquals(List.of(), violations(f, CLEAN), "a quoted comma is inside one field");
    String bad = CLEAN.replaceFirst("^1,", "7,").replace(",12.50,", ",-3,");
    assertEquals(List.of("vendor_id allowed 7", "fare min -3"), violations(f, bad));
    List<String> short_ = violations(f, "1,2024-01-31 10:00:00");
    assertEquals(1, short_.size(), short_.toString());
    assertTrue(short_.get(0).contains("field_count"), short_.toString());
    assertNull(f.evaluate(Inspectors.values("schema", null)), "NULL in, NULL out");
  }

  @Test
  void argumentMistakesNameTheFunction() {
    UDFArgumentException e =
        assertThrows(
            UDFArgumentException.class,
            () -> new BkRecordViolations().initialize(new ObjectInspector[] {Inspectors.string()}));
    assertTrue(e.getMessage().startsWith("bk_record_violations takes 2"), e.getMessage());
  }
}
