package io.batchkit.hive.split;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;

/**
 * Hive values as the Java values {@code core} formats (Integer, Long, Double, BigDecimal,
 * LocalDate, LocalDateTime, String), so that a key is the same text in Hive and in MapReduce. Dates
 * and timestamps go through their text form: the API of those types differs between Hive 3 and 4,
 * their text does not.
 */
public final class HiveValues {
  private HiveValues() {}

  public static Object toJava(PrimitiveObjectInspector oi, Object value) {
    if (value == null) {
      return null;
    }
    Object v = oi.getPrimitiveJavaObject(value);
    if (v == null) {
      return null;
    }
    return switch (oi.getPrimitiveCategory()) {
      case BYTE, SHORT -> ((Number) v).intValue();
      case FLOAT -> ((Number) v).doubleValue();
      // HiveDecimal drops trailing zeros; the column's scale puts them back (12.50, not 12.5).
      case DECIMAL -> new BigDecimal(v.toString()).setScale(oi.scale());
      case DATE -> LocalDate.parse(v.toString());
      case TIMESTAMP -> LocalDateTime.parse(v.toString().replace(' ', 'T'));
      case STRING, VARCHAR, CHAR -> v.toString();
      default -> v;
    };
  }
}
