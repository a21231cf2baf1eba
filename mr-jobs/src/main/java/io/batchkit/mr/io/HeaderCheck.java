package io.batchkit.mr.io;

import io.batchkit.core.io.CsvRecordParser;
import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.RecordDecoder;
import io.batchkit.core.io.RecordSplitter;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.core.schema.Schema;
import io.batchkit.mr.common.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

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
    if (mode == Mode.OFF || schema.format().json()) {
      return; // JSON objects name their fields in every record
    }
    List<String> problems = problems(schema, files, conf);
    int warned = 0;
    for (int i = 0; i < files.size(); i++) {
      FileStatus f = files.get(i);
      String problem = problems.get(i);
      if (problem == null) {
        continue;
      }
      String line =
          job
              + ": "
              + f.getPath()
              + ": "
              + problem
              + "; fix the schema's columns (or the file), or pass --header-check "
              + (mode == Mode.FAIL ? "warn or off" : "off")
              + " if the names differ on purpose";
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
   * Each file's difference from the schema (null: none), read by a few threads at once: a landing
   * of thousands of small files is mostly waiting for each file's first bytes (an object store's
   * latency, a decompressor's start).
   */
  private static List<String> problems(Schema schema, List<FileStatus> files, Configuration conf)
      throws IOException {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Math.min(READERS, files.size())),
            r -> {
              Thread t = new Thread(r, "batchkit-header-check");
              t.setDaemon(true);
              return t;
            });
    try {
      List<java.util.concurrent.Future<String>> each = new java.util.ArrayList<>();
      for (FileStatus f : files) {
        each.add(pool.submit(() -> compare(schema, header(f.getPath(), schema, conf))));
      }
      List<String> problems = new java.util.ArrayList<>(files.size());
      for (java.util.concurrent.Future<String> p : each) {
        problems.add(p.get());
      }
      return problems;
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while checking headers");
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

  /** The file's first record, split as the schema says; null for an empty file. */
  static List<String> header(Path path, Schema schema, Configuration conf) throws IOException {
    InputStream in =
        Codecs.decompressed(
            NioLocalFileSystem.openToRead(path.getFileSystem(conf), path), path, conf);
    try (InputStream s = in) {
      RecordSplitter splitter = RecordSplitter.of(schema.format(), s, Integer.MAX_VALUE);
      if (!splitter.next()) {
        return null;
      }
      String text =
          new RecordDecoder(schema.format().encoding()).decode(splitter.bytes(), splitter.length());
      try {
        return List.copyOf(new CsvRecordParser(schema.format()).parse(text));
      } catch (MalformedRecordException e) {
        return List.of(text);
      }
    }
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
