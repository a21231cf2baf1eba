package io.batchkit.mr.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;

/**
 * A file's codec and its decompressed bytes, for code that opens file after file: one codec factory
 * per configuration (building one reads the codec list and compiles patterns) and decompressors
 * from Hadoop's pool (a gzip one holds a native zlib stream), where a landing of thousands of small
 * files would otherwise pay both per file.
 */
public final class Codecs {
  private static final Map<Configuration, CompressionCodecFactory> FACTORIES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Codecs() {}

  /** The codec of a file by its name's extension; null for none. */
  public static CompressionCodec of(Path file, Configuration conf) {
    return FACTORIES.computeIfAbsent(conf, CompressionCodecFactory::new).getCodec(file);
  }

  /**
   * The file's bytes as its codec decompresses them ({@code raw} itself when it has none); closing
   * the stream returns its decompressor to the pool. An empty file is empty whatever its name says:
   * a zero-byte {@code .gz} (a producer's file created and never written) holds no records, and
   * failing a landing's run on it would help nobody.
   */
  public static InputStream decompressed(InputStream raw, Path file, Configuration conf)
      throws IOException {
    CompressionCodec codec = of(file, conf);
    if (codec == null) {
      return raw;
    }
    PushbackInputStream in = new PushbackInputStream(raw, 1);
    int first = in.read();
    if (first < 0) {
      return in;
    }
    in.unread(first);
    Decompressor decompressor = CodecPool.getDecompressor(codec);
    return new FilterInputStream(codec.createInputStream(in, decompressor)) {
      private boolean closed;

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try {
          super.close();
        } finally {
          CodecPool.returnDecompressor(decompressor);
        }
      }
    };
  }
}
