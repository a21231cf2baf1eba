package io.batchkit.mr.io;

import io.batchkit.core.infer.FileKind;
import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.RecordDecoder;
import io.batchkit.core.io.RecordSplitter;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.FormatSpec;
import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaChanges;
import io.batchkit.mr.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * {@code --header-check fail|warn|off}: when the schema says files have a header, every input
 * file's header is read before any task runs and compared with the schema's columns, both folded as
 * {@link ColumnNames} folds them ({@code "Fine $"} is {@code fine}). A schema written for another
 * file would otherwise quarantine every record, or worse, read columns in the wrong places.
 */
public final class HeaderCheck {
  public static final String OPTION = "header-check";
  public static final String USAGE =
      "  --header-check M    fail (default), warn or off: compare each file's header with the schema";

  /** What a mismatch does. */
  public enum Mode {
    FAIL,
    WARN,
    OFF
  }

  /** The mode and the job, for the tasks (set by {@link #check}). */
  static final String KEY = "batchkit.header.check";

  static final String JOB_KEY = "batchkit.header.check.job";

  /** Files whose header is read at once. */
  static final int READERS = 8;

  private HeaderCheck() {}

  public static Mode mode(String job, String text) throws UsageException {
    try {
      return Mode.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(job + ": --header-check must be fail, warn or off, not " + text);
    }
  }

  /**
   * Reads each file's first record and compares it with the schema.
   *
   * @throws UsageException in mode FAIL, for the first file whose header differs
   */
  public static void check(
      String job,
      Schema schema,
      List<FileStatus> files,
      Mode mode,
      Configuration conf,
      PrintStream err)
      throws UsageException, IOException {
    conf.set(KEY, mode.name());
    conf.set(JOB_KEY, job);
    if (mode == Mode.OFF) {
      return;
    }
    if (schema.format().json()) {
      // Objects name their fields in every record: only the first file's paths are checked.
      String problem = files.isEmpty() ? null : JsonPathCheck.problem(schema, files.get(0), conf);
      if (problem != null) {
        String line = message(job, files.get(0).getPath().toString(), problem, mode);
        if (mode == Mode.FAIL) {
          throw new UsageException(line);
        }
        err.println("warning: " + line);
      }
      return;
    }
    // Failing, the first file of each directory is read here, before any task runs; the tasks
    // check every file's header as they read it (InTask), so thousands of small files cost no
    // second pass. Warning, every file is read here, so that all differences are said together.
    List<FileStatus> read = mode == Mode.FAIL ? firstOfEachDirectory(files) : files;
    List<String> problems = problems(schema, read, conf);
    int warned = 0;
    for (int i = 0; i < read.size(); i++) {
      FileStatus f = read.get(i);
      String problem = problems.get(i);
      if (problem == null) {
        continue;
      }
      String notText = notText(f.getPath(), conf);
      String line =
          notText != null
              ? job + ": " + f.getPath() + ": " + notText
              : message(job, f.getPath().toString(), problem, mode);
      if (mode == Mode.FAIL) {
        throw new UsageException(line);
      }
      if (warned++ < 10) {
        err.println("warning: " + line);
      }
    }
    if (warned > 10) {
      err.println("warning: " + job + ": " + (warned - 10) + " more files' headers differ");
    }
  }

  /**
   * Why a file whose header differs is not text to read at all (UTF-16, a workbook), or null: said
   * instead of the header's garbled names.
   */
  private static String notText(Path path, Configuration conf) throws IOException {
    try (InputStream in =
        Codecs.decompressed(
            NioLocalFileSystem.openToRead(path.getFileSystem(conf), path), path, conf)) {
      byte[] head = in.readNBytes(4096);
      return FileKind.notText(path.getName(), head, head.length);
    }
  }

  private static String message(String job, String file, String problem, Mode mode) {
    return job
        + ": "
        + file
        + ": "
        + problem
        + "; fix the schema's columns (or the file), or pass --header-check "
        + (mode == Mode.FAIL ? "warn or off" : "off")
        + " if the names differ on purpose";
  }

  private static List<FileStatus> firstOfEachDirectory(List<FileStatus> files) {
    java.util.Set<Path> seen = new java.util.HashSet<>();
    List<FileStatus> first = new java.util.ArrayList<>();
    for (FileStatus f : files) {
      if (seen.add(f.getPath().getParent())) {
        first.add(f);
      }
    }
    return first;
  }

  /**
   * A task's check of each file's header, as it reads that file's first line: with {@code
   * --header-check fail}, a header that differs fails the task with the driver's one line.
   */
  public static final class InTask {
    private final Schema schema;
    private final boolean fail;
    private final String job;
    private final RecordDecoder decoder;
    private final CsvRecordParser parser;
    private final TaskAttemptContext context;

    public InTask(Schema schema, TaskAttemptContext context) {
      this.schema = schema;
      this.context = context;
      Configuration conf = context.getConfiguration();
      this.fail =
          Mode.FAIL.name().equals(conf.get(KEY))
              && schema.format().header()
              && !schema.format().json();
      this.job = conf.get(JOB_KEY, "batchkit");
      this.decoder = new RecordDecoder(schema.format().encoding());
      this.parser = fail ? new CsvRecordParser(schema.format()) : null;
    }

    /** Checks a file's first line (the record the front end read as its header). */
    public void header(String file, byte[] bytes, int length) throws IOException {
      if (!fail) {
        return;
      }
      String text = decoder.decode(bytes, length);
      List<String> fields;
      try {
        fields = List.copyOf(parser.parse(text));
      } catch (MalformedRecordException e) {
        fields = List.of(text);
      }
      String problem = compare(schema, fields);
      if (problem != null) {
        throw BadFiles.failTask(
            context, message(job, file, problem, Mode.FAIL), new IOException(problem));
      }
    }
  }

  /**
   * Each file's difference from the schema (null: none), read by a few threads at once: a landing
   * of thousands of small files is mostly waiting for each file's first bytes (an object store's
   * latency, a decompressor's start).
   */
  private static List<String> problems(Schema schema, List<FileStatus> files, Configuration conf)
      throws IOException {
    return each(files, f -> compare(schema, header(f.getPath(), schema, conf)));
  }

  /**
   * {@code schema_changes: ignore}: each file's header columns that the schema lacks, which the run
   * does not read; files without any are left out.
   */
  public static java.util.Map<String, List<String>> unknownColumns(
      Schema schema, List<FileStatus> files, Configuration conf) throws IOException {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Column c : schema.columns()) {
      names.add(ColumnNames.fold(c.name()));
    }
    List<List<String>> unknown =
        each(
            files,
            f -> {
              List<String> header = header(f.getPath(), schema, conf);
              return header == null
                  ? List.of()
                  : header.stream().filter(h -> !names.contains(ColumnNames.fold(h))).toList();
            });
    java.util.Map<String, List<String>> byFile = new java.util.TreeMap<>();
    for (int i = 0; i < files.size(); i++) {
      if (!unknown.get(i).isEmpty()) {
        byFile.put(files.get(i).getPath().toString(), unknown.get(i));
      }
    }
    return byFile;
  }

  /** Reads something from one file. */
  @FunctionalInterface
  private interface FileRead<T> {
    T read(FileStatus f) throws IOException;
  }

  /** Something read from each file's head, by a few threads at once, in the files' order. */
  private static <T> List<T> each(List<FileStatus> files, FileRead<T> read) throws IOException {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Math.min(READERS, files.size())),
            r -> {
              Thread t = new Thread(r, "batchkit-header-check");
              t.setDaemon(true);
              return t;
            });
    try {
      List<java.util.concurrent.Future<T>> each = new java.util.ArrayList<>();
      for (FileStatus f : files) {
        each.add(pool.submit(() -> read.read(f)));
      }
      List<T> results = new java.util.ArrayList<>(files.size());
      for (java.util.concurrent.Future<T> p : each) {
        results.add(p.get());
      }
      return results;
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading headers");
    } finally {
      pool.shutdownNow();
    }
  }

  /** The first difference between a header and the schema's columns, or null when they match. */
  static String compare(Schema schema, List<String> header) {
    if (header == null) {
      return null; // an empty file has no header to check
    }
    List<Column> columns = schema.columns();
    if (!schema.format().header()) {
      // No names to compare: the first record's width still tells a schema for another file.
      return header.size() == columns.size()
          ? null
          : String.format(
              "the first record has %d fields, schema %s has %d columns (header: false)",
              header.size(), schema.name(), columns.size());
    }
    if (schema.format().byName()) {
      return compareByName(schema, header);
    }
    if (header.size() != columns.size()) {
      return String.format(
          "the header has %d columns, schema %s has %d (header: %s)",
          header.size(), schema.name(), columns.size(), shorten(String.join(",", header)));
    }
    for (int i = 0; i < header.size(); i++) {
      String name = columns.get(i).name();
      if (!ColumnNames.fold(header.get(i)).equals(ColumnNames.fold(name))) {
        return String.format(
            "header column %d is '%s', schema %s says %s",
            i + 1, header.get(i), schema.name(), name);
      }
    }
    return null;
  }

  /**
   * {@code header: by_name}: any order, schema columns may be absent (null in that file), but every
   * header column must be one of the schema's, once.
   */
  private static String compareByName(Schema schema, List<String> header) {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Column c : schema.columns()) {
      names.add(ColumnNames.fold(c.name()));
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String folded = ColumnNames.fold(header.get(i));
      if (!names.contains(folded) && schema.schemaChanges() == SchemaChanges.FAIL) {
        return String.format(
            "header column %d '%s' is not in schema %s (header: by_name; its columns: %s;"
                + " schema_changes: add_columns would add it, ignore would leave it unread)",
            i + 1,
            header.get(i),
            schema.name(),
            shorten(String.join(",", schema.columns().stream().map(Column::name).toList())));
      }
      if (!seen.add(folded)) {
        return String.format("header column %d '%s' repeats an earlier one", i + 1, header.get(i));
      }
    }
    return null;
  }

  /**
   * Each file's first record, split as {@code format} says, in the files' order, read a few files
   * at a time; null for a file that is empty or cannot be read (the job that reads it says so).
   */
  public static List<List<String>> headers(
      List<FileStatus> files, FormatSpec format, Configuration conf) throws IOException {
    return each(
        files,
        f -> {
          try {
            return header(f.getPath(), format, conf);
          } catch (IOException e) {
            return null;
          }
        });
  }

  /** The file's first record, split as the schema says; null for an empty file. */
  static List<String> header(Path path, Schema schema, Configuration conf) throws IOException {
    return header(path, schema.format(), conf);
  }

  private static List<String> header(Path path, FormatSpec format, Configuration conf)
      throws IOException {
    InputStream in =
        Codecs.decompressed(
            NioLocalFileSystem.openToRead(path.getFileSystem(conf), path), path, conf);
    try (InputStream s = in) {
      RecordSplitter splitter = RecordSplitter.of(format, s, Integer.MAX_VALUE);
      if (!splitter.next()) {
        return null;
      }
      String text =
          new RecordDecoder(format.encoding()).decode(splitter.bytes(), splitter.length());
      try {
        return List.copyOf(new CsvRecordParser(format).parse(text));
      } catch (MalformedRecordException e) {
        return List.of(text);
      }
    }
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
