package io.batchkit.core.record;

import io.batchkit.core.io.MalformedRecordException;
import io.batchkit.core.io.TextRowDecoder;
import io.batchkit.core.schema.Column;
import io.batchkit.core.schema.Schema;
import java.nio.charset.StandardCharsets;

/**
 * Rows of a batchkit dataset: Hive text (tab, {@code \N}, backslash escapes) that an earlier job
 * wrote and typed, so only decoded again. A row that does not decode is malformed, never dropped; a
 * row that ends before its trailing nullable columns reads NULL there, as Hive reads it.
 */
public final class DatasetRecords extends Records {
  private final TextRowDecoder decoder;

  DatasetRecords(Schema schema) {
    super(schema, false);
    this.decoder =
        new TextRowDecoder(schema.columns().stream().map(Column::type).toList(), minWidth(schema));
  }

  /**
   * The fields a row must have: up to its last required column. Those after it may be missing, as
   * in rows written before they were added ({@code schema_changes: add_columns}), and read NULL.
   */
  public static int minWidth(Schema schema) {
    int width = 1;
    for (int i = 0; i < schema.columns().size(); i++) {
      if (schema.columns().get(i).required()) {
        width = i + 1;
      }
    }
    return width;
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
