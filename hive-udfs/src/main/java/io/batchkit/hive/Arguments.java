package io.batchkit.hive;

import org.apache.hadoop.hive.ql.exec.UDFArgumentException;
import org.apache.hadoop.hive.ql.exec.UDFArgumentLengthException;
import org.apache.hadoop.hive.ql.exec.UDFArgumentTypeException;
import org.apache.hadoop.hive.serde2.objectinspector.ConstantObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector.PrimitiveCategory;

/**
 * Argument checks for {@code initialize}, done once per query: each error names the function and
 * the argument (Hive adds its position), never a stack trace.
 */
public final class Arguments {
  private Arguments() {}

  public static void count(String fn, ObjectInspector[] args, int min, int max)
      throws UDFArgumentLengthException {
    if (args.length < min || args.length > max) {
      String expected =
          min == max
              ? Integer.toString(min)
              : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
      throw new UDFArgumentLengthException(
          fn + " takes " + expected + " arguments, got " + args.length);
    }
  }

  /** A primitive argument of one of the given categories. */
  public static PrimitiveObjectInspector primitive(
      String fn, ObjectInspector[] args, int i, String name, PrimitiveCategory... allowed)
      throws UDFArgumentTypeException {
    if (args[i].getCategory() == ObjectInspector.Category.PRIMITIVE) {
      PrimitiveObjectInspector p = (PrimitiveObjectInspector) args[i];
      if (allowed.length == 0) {
        return p;
      }
      for (PrimitiveCategory c : allowed) {
        if (p.getPrimitiveCategory() == c) {
          return p;
        }
      }
    }
    throw new UDFArgumentTypeException(
        i,
        fn
            + ": argument "
            + (i + 1)
            + " ("
            + name
            + ") must be "
            + describe(allowed)
            + ", got "
            + args[i].getTypeName());
  }

  public static PrimitiveObjectInspector numeric(
      String fn, ObjectInspector[] args, int i, String name) throws UDFArgumentTypeException {
    return primitive(
        fn,
        args,
        i,
        name,
        PrimitiveCategory.BYTE,
        PrimitiveCategory.SHORT,
        PrimitiveCategory.INT,
        PrimitiveCategory.LONG,
        PrimitiveCategory.FLOAT,
        PrimitiveCategory.DOUBLE,
        PrimitiveCategory.DECIMAL);
  }

  public static PrimitiveObjectInspector text(String fn, ObjectInspector[] args, int i, String name)
      throws UDFArgumentTypeException {
    return primitive(
        fn,
        args,
        i,
        name,
        PrimitiveCategory.STRING,
        PrimitiveCategory.VARCHAR,
        PrimitiveCategory.CHAR);
  }

  /** A constant (literal) argument's value as a string. */
  public static String constantText(String fn, ObjectInspector[] args, int i, String name)
      throws UDFArgumentException {
    text(fn, args, i, name);
    if (!(args[i] instanceof ConstantObjectInspector c) || c.getWritableConstantValue() == null) {
      throw new UDFArgumentTypeException(
          i,
          fn
              + ": argument "
              + (i + 1)
              + " ("
              + name
              + ") must be a constant, e.g. a string literal");
    }
    return c.getWritableConstantValue().toString();
  }

  private static String describe(PrimitiveCategory[] allowed) {
    if (allowed.length == 0) {
      return "a primitive type";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < allowed.length; i++) {
      sb.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ");
      sb.append(allowed[i].name().toLowerCase(java.util.Locale.ROOT));
    }
    return sb.toString();
  }
}
