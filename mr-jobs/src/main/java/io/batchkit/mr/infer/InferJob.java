package io.batchkit.mr.infer;

import io.batchkit.core.infer.Dialect;
import io.batchkit.core.infer.SchemaDrift;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaChange;
import io.batchkit.core.schema.SchemaParser;
import io.batchkit.core.schema.SchemaPatch;
import io.batchkit.mr.common.Args;
import io.batchkit.mr.common.InputFiles;
import io.batchkit.mr.common.JobTool;
import io.batchkit.mr.common.UsageException;
import io.batchkit.mr.io.BadFiles;
import io.batchkit.mr.io.DatasetInput;
import io.batchkit.mr.io.JobSchema;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code infer}: the crawler. Guesses the dialect from the first file's head, then reads every file
 * (up to {@code --sample-rows} records each) in parallel, small files several to a task (a stream's
 * landing of thousands), and proposes a schema: names, types, formats, nulls, bounds, allowed
 * values, a key. One reducer merges the evidence and checks the proposal on the tenth of records
 * held out from learning, as clean would.
 */
public final class InferJob extends JobTool {
  public static final String NAME = "infer";
  public static final String DESCRIPTION =
      "propose a schema for raw CSV or JSON files (the crawler): types, formats, nulls, bounds, a key";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: hadoop jar batchkit-jobs.jar infer [generic options] --input IN --output SCHEMA.yaml [options]",
          "",
          "  " + DESCRIPTION + ".",
          "",
          "  --input IN          raw CSV or JSON files, directories or globs (.gz and other codecs too)",
          "  --output F          where to write the proposed schema (YAML, any Hadoop filesystem)",
          "  --name N            the dataset's name; default: the input's last path part",
          "  --sample-rows N     records read per file at most (default 1000000; 0: all)",
          "  --header B          true or false: whether files start with a header (default: guessed)",
          "  --pseudonymize C,D  columns (as named in the proposal) to write as HMAC pseudonyms",
          "  --no-bounds         leave min/max out (the data's bounds refuse tomorrow's extremes)",
          "  --date-order O      mdy (default) or dmy: how to read dates no value settles (03/04/2024;",
          "                      a day above 12 settles it); the column's comment says it was a guess",
          BadFiles.USAGE,
          "                      (skip: learn from what was read of it)",
          "  --overwrite         replace F if it exists",
          "  --against S         a crawler's re-run: report how the files differ from schema S (new,",
          "                      missing or moved columns, widened types, values outside bounds or",
          "                      allowed, another date format or delimiter); exit 3 when they do;",
          "                      --output then optional: S evolved (new columns added, widened",
          "                      types), the other changes listed at its top for you to review",
          "",
          "The delimiter (, ; tab |), header and encoding are guessed from the first file with",
          "bytes; with a header, every file's is read, and files whose headers differ (moved or",
          "other columns) are read by name (header: by_name). Every tenth record is held out and",
          "the proposal is checked on those, as clean would read them.",
          "Exit codes: 0 done (with --against: no change), 1 failed, 2 usage, 3 the files drifted.");

  public InferJob() {
    this(System.out, System.err);
  }

  public InferJob(PrintStream out, PrintStream err) {
    super(
        NAME,
        USAGE,
        Set.of(
            "input",
            "output",
            "name",
            "sample-rows",
            "header",
            "pseudonymize",
            "date-order",
            "against",
            BadFiles.OPTION),
        Set.of("overwrite", "no-bounds"),
        out,
        err);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new InferJob(), args));
  }

  @Override
  protected int execute(Args args) throws Exception {
    Configuration conf = getConf();
    List<String> inputs = args.all("input");
    List<FileStatus> files = InputFiles.list(NAME, inputs, conf);
    Schema against = null;
    byte[] againstYaml = null;
    if (args.has("against")) {
      String location = args.get("against", null);
      againstYaml = JobSchema.read(NAME, "against", location, conf);
      against = SchemaParser.parse(againstYaml, location);
    }
    Path output =
        against != null && !args.has("output") ? null : new Path(args.required(NAME, "output"));
    Path workBase =
        output != null
            ? output.getParent()
            : new Path(conf.get("hadoop.tmp.dir", System.getProperty("java.io.tmpdir")));
    FileSystem outFs = output == null ? null : output.getFileSystem(conf);
    if (output != null && outFs.exists(output) && !args.has("overwrite")) {
      throw new UsageException(
          NAME + ": " + output + " exists; choose another --output or add --overwrite");
    }
    long sampleRows = sampleRows(args.get("sample-rows", "1000000"));
    Boolean header = header(args.get("header", null));
    // Zero-byte files (created, never written) hold no records and tell nothing of the dialect.
    List<FileStatus> withBytes = files.stream().filter(f -> f.getLen() > 0).toList();
    if (withBytes.isEmpty()) {
      err.println(NAME + ": no record to learn from in " + String.join(", ", inputs));
      return 1;
    }
    Dialect sniffed = Sniff.dialect(withBytes, conf, header);
    Dialect dialect = HeaderUnion.of(sniffed, withBytes, conf);
    String name = args.get("name", against == null ? null : against.name());
    if (name == null) {
      // The input directory's name, or for a glob the first file's, without extensions.
      String given = new Path(inputs.get(0)).getName();
      if (given.matches(".*[*?\\[{].*")) {
        given = files.get(0).getPath().getName();
      }
      name = ColumnNames.fold(given.replaceFirst("\\..*$", ""));
      name = name.isEmpty() ? "dataset" : name;
    } else if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new UsageException(NAME + ": --name must be letters, digits and _ (not " + name + ")");
    }
    String pseudonymize = args.get("pseudonymize", "");
    for (String c : pseudonymize.split(",")) {
      if (!c.isBlank() && !dialect.names().contains(c.strip())) {
        throw new UsageException(
            NAME
                + ": --pseudonymize: no column '"
                + c.strip()
                + "' (columns: "
                + String.join(", ", dialect.names())
                + ")");
      }
    }
    out.printf(
        "%s: %d file(s); from %s: %s, %d columns: %s%n",
        NAME,
        files.size(),
        withBytes.get(0).getPath().getName()
            + (dialect.json() != null && withBytes.size() > 1
                ? " and " + Math.min(withBytes.size() - 1, Sniff.JSON_FILES - 1) + " more"
                : ""),
        describe(dialect, sniffed),
        dialect.columns(),
        String.join(", ", dialect.names()));

    Job job = newJob("infer " + name);
    Configuration jc = job.getConfiguration();
    Dialects.store(jc, dialect);
    jc.setLong(InferConfigKeys.SAMPLE_ROWS, sampleRows);
    jc.set(InferConfigKeys.NAME, name);
    jc.set(InferConfigKeys.SOURCE, files.size() + " file(s) under " + String.join(", ", inputs));
    jc.set(InferConfigKeys.PSEUDONYMIZE, pseudonymize.replace(" ", ""));
    jc.setBoolean(InferConfigKeys.BOUNDS, !args.has("no-bounds"));
    String order = args.get("date-order", "mdy");
    if (!order.equals("mdy") && !order.equals("dmy")) {
      throw new UsageException(NAME + ": --date-order must be mdy or dmy, not '" + order + "'");
    }
    jc.setBoolean(InferConfigKeys.DAY_FIRST, order.equals("dmy"));
    BadFiles.configure(NAME, args, jc);
    InputFiles.addTo(job, files);
    DatasetInput.combine(job, null);
    job.setInputFormatClass(InferInputFormat.class);
    job.setMapperClass(InferMapper.class);
    job.setReducerClass(InferReducer.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(BytesWritable.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(Text.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    Path work =
        new Path(
            workBase,
            "." + (output == null ? name : output.getName()) + ".infer-" + System.nanoTime());
    FileOutputFormat.setOutputPath(job, work);
    try {
      if (!runJob(job, work)) {
        return 1;
      }
      String yaml = null;
      String check = null;
      FileSystem fs = work.getFileSystem(conf);
      for (FileStatus part : fs.globStatus(new Path(work, "part-r-*"))) {
        try (SequenceFile.Reader r =
            new SequenceFile.Reader(conf, SequenceFile.Reader.file(part.getPath()))) {
          Text k = new Text();
          Text v = new Text();
          while (r.next(k, v)) {
            if (k.equals(InferReducer.SCHEMA)) {
              yaml = v.toString();
            } else if (k.equals(InferReducer.CHECK)) {
              check = v.toString();
            }
          }
        }
      }
      Counters c = job.getCounters();
      long learned = c.findCounter(InferCounter.LEARNED).getValue();
      if (yaml == null || learned == 0) {
        err.println(NAME + ": no record to learn from in " + String.join(", ", inputs));
        return 1;
      }
      long ragged = c.findCounter(InferCounter.RAGGED).getValue();
      if (ragged * 2 > c.findCounter(InferCounter.READ).getValue()) {
        err.printf(
            "%s: %,d of %,d records do not split into the %d fields of %s, the first file, which"
                + " the dialect was guessed from: is it a data file? Point --input at the data files"
                + " only (a glob such as DIR/*.csv.gz), or at a directory holding nothing else%n",
            NAME,
            ragged,
            c.findCounter(InferCounter.READ).getValue(),
            dialect.columns(),
            withBytes.get(0).getPath());
        return 1;
      }
      Schema proposed = parse(yaml);
      List<SchemaDrift.Change> drift =
          against == null ? List.of() : SchemaDrift.between(against, proposed);
      if (output != null) {
        String written = against == null ? yaml : evolved(againstYaml, against, proposed, drift);
        try (OutputStream os = outFs.create(output, true)) {
          os.write(written.getBytes(StandardCharsets.UTF_8));
        }
      }
      out.printf(
          "%s: read %,d records (%,d learned from, %,d held out)%s%n",
          NAME,
          c.findCounter(InferCounter.READ).getValue(),
          learned,
          c.findCounter(InferCounter.HELD_OUT).getValue(),
          c.findCounter(InferCounter.MULTILINE).getValue() > 0 && dialect.json() == null
              ? String.format(
                  "; %,d hold a quoted line break: multiline: true",
                  c.findCounter(InferCounter.MULTILINE).getValue())
              : "");
      out.print(check.lines().map(l -> NAME + ": " + l + "\n").reduce("", String::concat));
      for (org.apache.hadoop.mapreduce.Counter u : c.getGroup(UNREADABLE_FILES)) {
        out.println(
            NAME
                + ": "
                + u.getName()
                + ": cut short (--bad-files skip): learned from what was read");
      }
      if (output != null) {
        out.println(NAME + ": wrote " + output + ": review it, then clean --schema " + output);
      }
      if (against == null) {
        return 0;
      }
      out.print(driftReport(against, drift));
      return drift.isEmpty() ? 0 : EXIT_DRIFT;
    } finally {
      work.getFileSystem(conf).delete(work, true);
    }
  }

  @Override
  protected String failedOutput(Path output) {
    return "no schema was written. Fix the cause and run infer again.";
  }

  /** The files have drifted from the --against schema. */
  static final int EXIT_DRIFT = 3;

  private static Schema parse(String yaml) {
    return SchemaParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "the proposed schema");
  }

  /** What changed, a line each, for the terminal. */
  private static String driftReport(Schema against, List<SchemaDrift.Change> drift) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%s: against %s: %s%n",
            NAME,
            against.source(),
            drift.isEmpty()
                ? "no change: the files read as the schema says"
                : drift.size() + (drift.size() == 1 ? " change" : " changes")));
    for (SchemaDrift.Change c : drift) {
      sb.append(NAME).append(":   - ").append(c.line()).append('\n');
    }
    return sb.toString();
  }

  /**
   * {@code --against S --output F}: S evolved as {@code schema_changes: add_columns} would evolve
   * it, in its own text: new columns appended, typed as proposed; widened types replaced. Every
   * other change is listed above it for a person to decide.
   */
  private static String evolved(
      byte[] yaml, Schema against, Schema proposed, List<SchemaDrift.Change> drift) {
    List<SchemaChange> changes = new java.util.ArrayList<>();
    List<String> header = new java.util.ArrayList<>();
    header.add(
        "infer --against "
            + against.source()
            + ": "
            + (drift.isEmpty() ? "no change" : drift.size() + " change(s)"));
    for (SchemaDrift.Change c : drift) {
      Column now = c.column() == null ? null : proposed.column(c.column());
      Column was = c.column() == null ? null : against.column(c.column());
      SchemaChange applied = null;
      if (c.kind().equals("new column") && now != null) {
        applied =
            new SchemaChange(
                SchemaChange.Kind.ADDED,
                now.name(),
                now.type().hiveName(),
                now.formats(),
                null,
                "infer --against");
      } else if (c.kind().equals("widened")
          && now != null
          && was != null
          && SchemaChange.wider(now.type(), was.type())) {
        applied =
            new SchemaChange(
                SchemaChange.Kind.WIDENED,
                was.name(),
                now.type().hiveName(),
                List.of(),
                was.type().hiveName(),
                "infer --against");
      }
      if (applied != null) {
        changes.add(applied);
      }
      header.add((applied != null ? "  applied: " : "  to review: ") + c.line());
    }
    return SchemaPatch.apply(yaml, against.source(), changes, header);
  }

  private static long sampleRows(String text) throws UsageException {
    try {
      long n = Long.parseLong(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new UsageException(NAME + ": --sample-rows must be a count >= 0 (0: all), not " + text);
  }

  private static Boolean header(String text) throws UsageException {
    if (text == null) {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new UsageException(NAME + ": --header must be true or false");
    };
  }

  /** How the files are written, in words; {@code sniffed} is the first file's dialect alone. */
  private static String describe(Dialect dialect, Dialect sniffed) {
    if (dialect.json() != null) {
      return "JSON objects " + (dialect.json().lines() ? "one per line" : "back to back");
    }
    String header =
        !dialect.byName()
            ? dialect.header() ? "with a header" : "no header"
            : "with headers that differ from file to file (read by name: header: by_name; the"
                + " first file's "
                + sniffed.columns()
                + " columns and "
                + (dialect.columns() - sniffed.columns())
                + " more)";
    return describe(dialect.delimiter())
        + "-delimited, "
        + header
        + ", "
        + dialect.encoding().name();
  }

  private static String describe(char d) {
    return switch (d) {
      case '\t' -> "tab";
      case ',' -> "comma";
      case ';' -> "semicolon";
      case '|' -> "pipe";
      default -> "'" + d + "'";
    };
  }
}
