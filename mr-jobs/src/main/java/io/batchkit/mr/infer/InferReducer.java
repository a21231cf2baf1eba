package io.batchkit.mr.infer;

import io.batchkit.core.infer.Dialect;
import io.batchkit.core.infer.SchemaProposal;
import io.batchkit.core.io.RecordDecoder;
import io.batchkit.core.record.Outcome;
import io.batchkit.core.record.RawRecords;
import io.batchkit.core.record.Records;
import io.batchkit.core.rules.Violation;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaException;
import io.batchkit.core.schema.SchemaParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The one reducer: merges the tasks' evidence into the proposed schema, then reads the held-out
 * records with that schema exactly as {@code clean} would, counting what it would quarantine, by
 * rule and column. Writes two records: {@link #SCHEMA} (the YAML) and {@link #CHECK} (the report).
 */
public class InferReducer extends Reducer<Text, BytesWritable, Text, Text> {
  static final Text SCHEMA = new Text("schema");
  static final Text CHECK = new Text("check");

  private Dialect dialect;
  private String yaml;
  private RawRecords checker;
  private RecordDecoder decoder;
  private long checked;
  private long valid;
  private final Map<String, long[]> broken = new TreeMap<>();
  private final Map<String, String> examples = new TreeMap<>();
  private final StringBuilder notes = new StringBuilder();

  @Override
  protected void setup(Context context) {
    dialect = Dialects.load(context.getConfiguration());
    decoder = new RecordDecoder(dialect.encoding());
  }

  @Override
  protected void reduce(Text key, Iterable<BytesWritable> values, Context context)
      throws IOException {
    if (key.equals(InferMapper.EVIDENCE)) {
      SampleEvidence learned = new SampleEvidence(dialect.columns(), false);
      SampleEvidence heldOut = new SampleEvidence(dialect.columns(), true);
      for (BytesWritable v : values) {
        SampleEvidence e = SampleEvidence.fromBytes(v.getBytes(), v.getLength());
        (e.heldOut ? heldOut : learned).merge(e);
      }
      // The check reads the held-out tenth with a schema learned without it; the schema written
      // learns from every record read, so clean on the same data quarantines nothing.
      // Held-out records come in the proposal's order, those of files read by name too.
      checker = Records.checker(parse(propose(learned, context.getConfiguration())).positional());
      learned.merge(heldOut);
      yaml = propose(learned, context.getConfiguration());
      parse(yaml);
      describe(learned);
      return;
    }
    for (BytesWritable v : values) {
      check(v);
    }
  }

  private String propose(SampleEvidence all, Configuration conf) {
    Set<String> pseudonymize =
        Set.copyOf(Arrays.asList(conf.get(InferConfigKeys.PSEUDONYMIZE, "").split(",")));
    return SchemaProposal.yaml(
        conf.get(InferConfigKeys.NAME),
        conf.get(InferConfigKeys.SOURCE),
        dialect,
        all.evidence(),
        pseudonymize,
        conf.getBoolean(InferConfigKeys.BOUNDS, true),
        conf.getBoolean(InferConfigKeys.DAY_FIRST, false));
  }

  private static Schema parse(String yaml) throws IOException {
    try {
      return SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "the proposed schema");
    } catch (SchemaException e) {
      throw new IOException(
          "infer proposed a schema it cannot read (" + e.getMessage() + "):\n" + yaml, e);
    }
  }

  private void describe(SampleEvidence all) {
    if (all.ragged > 0) {
      notes.append(
          String.format(
              "%,d records did not split into %d fields and taught nothing; clean will quarantine"
                  + " them (field_count, malformed)%n",
              all.ragged, dialect.columns()));
    }
    int differing = 0;
    Set<String> known = new java.util.HashSet<>();
    dialect.names().forEach(n -> known.add(lower(n)));
    for (Map.Entry<String, String> h : all.headers.entrySet()) {
      List<String> names;
      try {
        names =
            ColumnNames.unique(
                new io.batchkit.core.io.CsvRecordParser(dialect.format(true)).parse(h.getValue()));
      } catch (io.batchkit.core.io.MalformedRecordException e) {
        names = List.of();
      }
      if (dialect.byName()) {
        // A file whose header was not read before the job (a landing of over 1,024 files).
        List<String> unknown = names.stream().filter(n -> !known.contains(lower(n))).toList();
        if (!unknown.isEmpty() && differing++ < 5) {
          notes.append("header of ").append(h.getKey()).append(" has columns the proposal lacks: ");
          notes.append(unknown).append(" (add them, or clean stops at the file)\n");
        }
      } else if (!names.equals(dialect.names()) && differing++ < 5) {
        notes.append("header of ").append(h.getKey()).append(" differs from the first file's: ");
        notes.append(names).append('\n');
      }
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  private void check(BytesWritable v) {
    String text = decoder.decode(v.getBytes(), v.getLength());
    checked++;
    Outcome o = checker.check(text);
    if (o == Outcome.VALID) {
      valid++;
      return;
    }
    for (Violation x : checker.violations()) {
      String k = x.rule().id() + " " + (x.column() == null ? "-" : x.column());
      broken.computeIfAbsent(k, z -> new long[1])[0]++;
      examples.putIfAbsent(k, x.value() == null ? "" : x.value());
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    if (yaml == null) {
      return;
    }
    StringBuilder r = new StringBuilder(notes);
    r.append(
        String.format(
            "a schema learned without the %,d held-out records reads %,d of them as valid and"
                + " would quarantine %,d%n",
            checked, valid, checked - valid));
    broken.forEach(
        (k, n) ->
            r.append(
                String.format("  %-32s %,d  (e.g. \"%s\")%n", k, n[0], shorten(examples.get(k)))));
    context.write(SCHEMA, new Text(yaml));
    context.write(CHECK, new Text(r.toString()));
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
