package io.batchkit.core.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Records of ASCII bytes are split and typed from the bytes; every other record goes through the
 * decoded text. The oracle is that second path itself ({@link RawRecords#check}, a record given as
 * text): on generated records of every kind of value and dirt, both give the same outcome, values,
 * violations and record text.
 */
class AsciiPathTest {
  private static final String SCHEMA =
      """
      name: t
      format: {delimiter: ",", header: false}
      nulls: ["", "NA", "\\\\N"]
      columns:
        - {name: id, type: int, required: true, min: -5, max: 100000}
        - {name: big, type: bigint, allowed: [1, 7, 12345678901]}
        - {name: at, type: timestamp, formats: ["yyyy-MM-dd HH:mm:ss", "MM/dd/yyyy hh:mm:ss a"], timezone: America/New_York, min: "2020-01-01 00:00:00"}
        - {name: day, type: date}
        - {name: iso, type: timestamp}
        - {name: odd, type: timestamp, formats: ["d MMM uuuu HH:mm"]}
        - {name: code, type: string, pattern: "[A-Z]{3}", normalize: [trim]}
        - {name: x, type: double, min: 0}
      """;

  private static final String[][] VALUES = {
    {"1", "-5", "-6", "+7", "100000", "100001", "2147483648", "0x1", "", "NA", " 3 ", "\\N", "1.0"},
    {"1", "7", "12345678901", "12345678901234567890123", "8", "", "-", "9223372036854775808"},
    {
      "2024-03-10 02:30:00",
      "2024-03-10 01:59:59",
      "2024-11-03 01:30:00",
      "03/10/2024 03:00:00 PM",
      "2019-12-31 23:59:59",
      "2024-02-30 10:00:00",
      "2024-01-01T10:00:00",
      "",
      "NA",
      " 2024-01-01 00:00:00"
    },
    {"2024-02-29", "2023-02-29", "0000-01-01", "2024-1-1", "", "NA"},
    {"2024-01-31 10:00:00.123", "2024-01-31T10:00:00Z", "2024-01-31 10:00+02:00", "2024-01-31", ""},
    {"5 Mar 2024 10:00", "31 Feb 2024 10:00", "x", ""},
    {"ABC", " abd ", "ab", "ABCD", "", "é", "A\"B"},
    {"0", "1.5", "-1", "1e3", "NaN", ""}
  };

  @Test
  void bytesAndTextAgreeOnEveryRecord() throws Exception {
    Schema schema = SchemaParser.parse(SCHEMA.getBytes(StandardCharsets.UTF_8), "t.yaml");
    RawRecords bytes = Records.raw(schema, null);
    RawRecords text = Records.raw(schema, null);
    Random r = new Random(5);
    int valid = 0;
    for (int n = 0; n < 30_000; n++) {
      List<String> fields = new ArrayList<>();
      for (String[] column : VALUES) {
        fields.add(column[r.nextInt(column.length)]);
      }
      if (r.nextInt(20) == 0) {
        fields.remove(r.nextInt(fields.size())); // a field short
      }
      String record = String.join(",", fields);
      byte[] b = record.getBytes(StandardCharsets.UTF_8);
      Outcome fromBytes = bytes.read(1 + n, b, b.length);
      Outcome fromText = text.check(record);
      assertEquals(fromText, fromBytes, record);
      assertEquals(text.violations(), bytes.violations(), record);
      assertArrayEquals(text.values(), bytes.values(), record);
      assertEquals(record, bytes.text(), record);
      valid += fromBytes == Outcome.VALID ? 1 : 0;
    }
    assertTrue(valid > 80, "valid records generated: " + valid);
  }
}
