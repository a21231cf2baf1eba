package io.batchkit.mr.infer;

import io.batchkit.core.infer.Dialect;
import io.batchkit.core.schema.ColumnNames;
import io.batchkit.mr.io.HeaderCheck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

/**
 * A landing whose CSV files name their columns in another order, or hold other columns, from one
 * file to the next (a feed that grew or moved its columns): read positionally, one file's values
 * would be learned as another column's. Every file's header is read first (of up to {@link #FILES}
 * files spread over a larger landing); when any differs from the first file's, each file is read by
 * its own header and the proposal holds every file's columns, the first file's first, with {@code
 * header: by_name}, as {@code clean} then reads them.
 */
final class HeaderUnion {
  /**
   * Files whose headers are read, spread over the input, the last one included: an object store
   * answers each first read in tens of milliseconds, and a landing may hold a hundred thousand.
   */
  static final int FILES = 1024;

  private HeaderUnion() {}

  static Dialect of(Dialect sniffed, List<FileStatus> files, Configuration conf)
      throws IOException {
    if (sniffed.json() != null || !sniffed.header() || files.size() < 2) {
      return sniffed;
    }
    List<String> union = new ArrayList<>(sniffed.names());
    Set<String> seen = new HashSet<>();
    union.forEach(n -> seen.add(n.toLowerCase(Locale.ROOT)));
    Set<String> first = Set.copyOf(seen);
    boolean differ = false;
    List<FileStatus> read = new ArrayList<>();
    for (int i : Sniff.spread(files.size(), FILES - 1)) {
      read.add(files.get(i));
    }
    for (List<String> header : HeaderCheck.headers(read, sniffed.format(true), conf)) {
      if (header == null) {
        continue; // empty, or unreadable: the job says so
      }
      List<String> names = ColumnNames.unique(header);
      if (names.stream().noneMatch(n -> first.contains(n.toLowerCase(Locale.ROOT)))) {
        // No column of the first file's: data, not a header (a file cut from a larger one). Read
        // as the first file is, clean's header check names the file.
        continue;
      }
      differ |= !names.equals(sniffed.names());
      for (String n : names) {
        if (seen.add(n.toLowerCase(Locale.ROOT))) {
          union.add(n);
        }
      }
    }
    return differ ? sniffed.byName(union) : sniffed;
  }
}
