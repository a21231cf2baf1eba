package io.batchkit.core.infer;

import io.batchkit.core.types.ParseFailure;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * What one column's values showed infer: nulls by token, how many values fit each candidate type
 * and format, bounds, a few distinct values, padding, and whether any value repeated (for keys).
 * Built per task and merged, so a directory of any size is read in parallel.
 */
public final class ColumnEvidence {
  static final int BOOLEAN = 0;
  static final int INT = 1;
  static final int BIGINT = 2;
  static final int DECIMAL = 3;
  static final int DOUBLE = 4;
  static final int DISTINCT_CAP = 32;

  /** Past this many values a column's uniqueness is no longer tracked (memory). */
  static final int KEY_CAP = 4_000_000;

  long values;
  final long[] nulls = new long[Candidates.NULL_TOKENS.size()];
  final long[] fits = new long[5];

  /** Values that were JSON strings: the column cannot be a number or a boolean. */
  long quoted;

  /** Numeric-looking codes: leading zeros, over 15 digits, an exponent without a point. */
  long codes;

  String code;
  int minScale = Integer.MAX_VALUE;
  int maxScale = -1;
  int maxIntDigits;
  BigDecimal min;
  BigDecimal max;

  /** Values by the set of formats (bit i: format i) they fit; 0 = none. */
  final Map<Long, Long> dateMasks = new TreeMap<>();

  final Map<Long, Long> timestampMasks = new TreeMap<>();
  boolean notTemporal;
  LocalDate minDate;
  LocalDate maxDate;
  LocalDateTime minTimestamp;
  LocalDateTime maxTimestamp;
  long padded;
  int maxLength;
  final Map<String, Long> distinct = new LinkedHashMap<>();
  boolean manyDistinct;
  LongSet hashes = new LongSet();

  /**
   * Evidence that does not look for a key: a scan of every value of a large run need not hold
   * millions of hashes.
   */
  public ColumnEvidence withoutKey() {
    hashes = null;
    return this;
  }

  /** How many values were added that are not null. */
  public long values() {
    return values;
  }

  /** Adds one raw field. */
  public void add(String raw) {
    String v = raw.strip();
    int token = Candidates.NULL_TOKENS.indexOf(v);
    if (token >= 0) {
      nulls[token]++;
      hashes = null; // a key is never null
      return;
    }
    values++;
    if (v.length() != raw.length()) {
      padded++;
    }
    maxLength = Math.max(maxLength, v.length());
    if (!manyDistinct) {
      distinct.merge(v, 1L, Long::sum);
      if (distinct.size() > DISTINCT_CAP) {
        manyDistinct = true;
        distinct.clear();
      }
    }
    if (hashes != null && (!hashes.add(hash(v)) || hashes.size() > KEY_CAP)) {
      hashes = null;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      fits[BOOLEAN]++;
    }
    number(v);
    temporal(v);
  }

  /** Adds one JSON string's text: whatever it looks like, not a JSON number or boolean. */
  public void addQuoted(String text) {
    quoted++;
    add(text);
  }

  static long hash(String v) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    return MurmurHash3.hash128x64(b, 0, b.length, 0)[0];
  }

  private void number(String v) {
    int n = v.length();
    int i = n > 0 && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
    int intStart = i;
    while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    int intDigits = i - intStart;
    int scale = -1;
    if (i < n && v.charAt(i) == '.') {
      int f = ++i;
      while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        i++;
      }
      scale = i - f;
    }
    boolean exponent = false;
    if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E') && (intDigits > 0 || scale > 0)) {
      int e = ++i;
      if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
        i++;
      }
      int digits = i;
      while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        i++;
      }
      exponent = i > digits && e > 0;
      if (!exponent) {
        return;
      }
    }
    if (i != n || (intDigits == 0 && scale <= 0)) {
      return;
    }
    boolean leadingZero = intDigits > 1 && v.charAt(intStart) == '0';
    if (leadingZero || (intDigits > 15 && scale < 0) || (exponent && scale < 0)) {
      codes++;
      code = code == null ? v : code;
      return;
    }
    if (!Double.isFinite(Double.parseDouble(v))) {
      return;
    }
    fits[DOUBLE]++;
    BigDecimal d = new BigDecimal(v);
    min = min == null || d.compareTo(min) < 0 ? d : min;
    max = max == null || d.compareTo(max) > 0 ? d : max;
    if (scale < 0 && !exponent) {
      fits[BIGINT]++;
      long l = Long.parseLong(v);
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        fits[INT]++;
      }
    } else if (scale > 0 && !exponent) {
      fits[DECIMAL]++;
      minScale = Math.min(minScale, scale);
      maxScale = Math.max(maxScale, scale);
      maxIntDigits = Math.max(maxIntDigits, intDigits);
    }
  }

  private void temporal(String v) {
    if (notTemporal) {
      return;
    }
    String separators =
        v.length() < 6 || v.length() > 40 ? null : Candidates.separatorsOf(v, false);
    long dates =
        separators == null
            ? 0
            : mask(Candidates.DATES, Candidates.DATE_SEPARATORS, separators, v, true);
    long stamps =
        separators == null
            ? 0
            : mask(Candidates.TIMESTAMPS, Candidates.TIMESTAMP_SEPARATORS, separators, v, false);
    if (dates == 0 && stamps == 0) {
      notTemporal = true; // this column is neither: stop trying formats
      dateMasks.clear();
      timestampMasks.clear();
      return;
    }
    dateMasks.merge(dates, 1L, Long::sum);
    timestampMasks.merge(stamps, 1L, Long::sum);
  }

  private long mask(
      io.batchkit.core.types.ValueParser[] parsers,
      String[] formatSeparators,
      String separators,
      String v,
      boolean dates) {
    long mask = 0;
    for (int i = 0; i < parsers.length; i++) {
      if (formatSeparators[i] != null && !formatSeparators[i].equals(separators)) {
        continue; // "03/07/2024" is no yyyy-MM-dd: no need to parse to know it
      }
      Object value = parsers[i].parse(v);
      if (value instanceof ParseFailure) {
        continue;
      }
      if (mask == 0) {
        // Bounds from the first format that fits, as the proposed schema will read the value.
        if (dates) {
          LocalDate d = (LocalDate) value;
          minDate = minDate == null || d.isBefore(minDate) ? d : minDate;
          maxDate = maxDate == null || d.isAfter(maxDate) ? d : maxDate;
        } else {
          LocalDateTime t = (LocalDateTime) value;
          minTimestamp = minTimestamp == null || t.isBefore(minTimestamp) ? t : minTimestamp;
          maxTimestamp = maxTimestamp == null || t.isAfter(maxTimestamp) ? t : maxTimestamp;
        }
      }
      mask |= 1L << i;
    }
    return mask;
  }

  /** Adds what another task saw of the same column. */
  public void merge(ColumnEvidence o) {
    if (hashes != null && o.hashes != null) {
      for (long h : o.hashes.toArray()) {
        if (!hashes.add(h) || hashes.size() > KEY_CAP) {
          hashes = null;
          break;
        }
      }
    } else {
      hashes = null;
    }
    values += o.values;
    for (int i = 0; i < nulls.length; i++) {
      nulls[i] += o.nulls[i];
    }
    for (int i = 0; i < fits.length; i++) {
      fits[i] += o.fits[i];
    }
    codes += o.codes;
    code = code == null ? o.code : code;
    minScale = Math.min(minScale, o.minScale);
    maxScale = Math.max(maxScale, o.maxScale);
    maxIntDigits = Math.max(maxIntDigits, o.maxIntDigits);
    min = o.min != null && (min == null || o.min.compareTo(min) < 0) ? o.min : min;
    max = o.max != null && (max == null || o.max.compareTo(max) > 0) ? o.max : max;
    notTemporal |= o.notTemporal;
    if (notTemporal) {
      dateMasks.clear();
      timestampMasks.clear();
    } else {
      o.dateMasks.forEach((k, c) -> dateMasks.merge(k, c, Long::sum));
      o.timestampMasks.forEach((k, c) -> timestampMasks.merge(k, c, Long::sum));
    }
    minDate =
        o.minDate != null && (minDate == null || o.minDate.isBefore(minDate)) ? o.minDate : minDate;
    maxDate =
        o.maxDate != null && (maxDate == null || o.maxDate.isAfter(maxDate)) ? o.maxDate : maxDate;
    minTimestamp =
        o.minTimestamp != null && (minTimestamp == null || o.minTimestamp.isBefore(minTimestamp))
            ? o.minTimestamp
            : minTimestamp;
    maxTimestamp =
        o.maxTimestamp != null && (maxTimestamp == null || o.maxTimestamp.isAfter(maxTimestamp))
            ? o.maxTimestamp
            : maxTimestamp;
    padded += o.padded;
    quoted += o.quoted;
    maxLength = Math.max(maxLength, o.maxLength);
    manyDistinct |= o.manyDistinct;
    if (!manyDistinct) {
      o.distinct.forEach((k, c) -> distinct.merge(k, c, Long::sum));
      manyDistinct = distinct.size() > DISTINCT_CAP;
    }
    if (manyDistinct) {
      distinct.clear();
    }
  }

  public void write(DataOutput out) throws IOException {
    out.writeLong(values);
    for (long n : nulls) {
      out.writeLong(n);
    }
    for (long f : fits) {
      out.writeLong(f);
    }
    out.writeLong(codes);
    text(out, code);
    out.writeInt(minScale);
    out.writeInt(maxScale);
    out.writeInt(maxIntDigits);
    text(out, min == null ? null : min.toString());
    text(out, max == null ? null : max.toString());
    masks(out, dateMasks);
    masks(out, timestampMasks);
    out.writeBoolean(notTemporal);
    text(out, minDate == null ? null : minDate.toString());
    text(out, maxDate == null ? null : maxDate.toString());
    text(out, minTimestamp == null ? null : minTimestamp.toString());
    text(out, maxTimestamp == null ? null : maxTimestamp.toString());
    out.writeLong(padded);
    out.writeLong(quoted);
    out.writeInt(maxLength);
    out.writeBoolean(manyDistinct);
    out.writeInt(distinct.size());
    for (Map.Entry<String, Long> e : distinct.entrySet()) {
      out.writeUTF(e.getKey().length() > 10_000 ? e.getKey().substring(0, 10_000) : e.getKey());
      out.writeLong(e.getValue());
    }
    long[] h = hashes == null ? null : hashes.toArray();
    out.writeInt(h == null ? -1 : h.length);
    if (h != null) {
      for (long x : h) {
        out.writeLong(x);
      }
    }
  }

  public static ColumnEvidence read(DataInput in) throws IOException {
    ColumnEvidence e = new ColumnEvidence();
    e.values = in.readLong();
    for (int i = 0; i < e.nulls.length; i++) {
      e.nulls[i] = in.readLong();
    }
    for (int i = 0; i < e.fits.length; i++) {
      e.fits[i] = in.readLong();
    }
    e.codes = in.readLong();
    e.code = text(in);
    e.minScale = in.readInt();
    e.maxScale = in.readInt();
    e.maxIntDigits = in.readInt();
    String s = text(in);
    e.min = s == null ? null : new BigDecimal(s);
    s = text(in);
    e.max = s == null ? null : new BigDecimal(s);
    masks(in, e.dateMasks);
    masks(in, e.timestampMasks);
    e.notTemporal = in.readBoolean();
    s = text(in);
    e.minDate = s == null ? null : LocalDate.parse(s);
    s = text(in);
    e.maxDate = s == null ? null : LocalDate.parse(s);
    s = text(in);
    e.minTimestamp = s == null ? null : LocalDateTime.parse(s);
    s = text(in);
    e.maxTimestamp = s == null ? null : LocalDateTime.parse(s);
    e.padded = in.readLong();
    e.quoted = in.readLong();
    e.maxLength = in.readInt();
    e.manyDistinct = in.readBoolean();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      e.distinct.put(in.readUTF(), in.readLong());
    }
    int h = in.readInt();
    if (h < 0) {
      e.hashes = null;
    } else {
      for (int i = 0; i < h; i++) {
        e.hashes.add(in.readLong());
      }
    }
    return e;
  }

  private static void text(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s.length() > 10_000 ? s.substring(0, 10_000) : s);
    }
  }

  private static String text(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void masks(DataOutput out, Map<Long, Long> masks) throws IOException {
    out.writeInt(masks.size());
    for (Map.Entry<Long, Long> e : masks.entrySet()) {
      out.writeLong(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  private static void masks(DataInput in, Map<Long, Long> masks) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      masks.put(in.readLong(), in.readLong());
    }
  }
}
