package io.batchkit.core.record;

import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import java.nio.charset.StandardCharsets;

/**
 * Rows of a batchkit dataset: Hive text (tab, {@code \N}, backslash escapes) that an earlier job
 * wrote and typed, so only decoded again. A row that does not decode is malformed, never dropped.
 */
public final class DatasetRecords extends Records {
  private final TextRowDecoder decoder;

  DatasetRecords(Schema schema) {
    super(schema, false);
    this.decoder = new TextRowDecoder(schema.columns().stream().map(Column::type).toList());
  }

  @Override
  protected Outcome decode(long offset, byte[] bytes, int length) {
    text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    try {
      decoder.decode(text, values);
      return Outcome.VALID;
    } catch (MalformedRecordException e) {
      return malformed(e);
    }
  }
}
