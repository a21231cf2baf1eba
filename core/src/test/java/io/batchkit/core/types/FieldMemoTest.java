package io.batchkit.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The memo's contract, checked field by field: a field is held only when kept, by its exact bytes,
 * and not when longer than its width; a column that rarely repeats pauses it. (That its values are
 * those the rules give is {@code AsciiPathTest}'s, through the rules.)
 */
class FieldMemoTest {
  private final AsciiFields fields = new AsciiFields();

  private AsciiFields.Field field(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    fields.start(b);
    fields.add(0, b.length);
    return fields.field(0);
  }

  @Test
  void holdsWhatWasKeptByItsExactBytes() {
    FieldMemo memo = new FieldMemo();
    assertSame(memo, memo.get(field("LAX")));
    memo.keep(field("LAX"), "LAX-value");
    assertEquals("LAX-value", memo.get(field("LAX")));
    assertSame(memo, memo.get(field("LAS")), "other bytes");
    assertSame(memo, memo.get(field("LAXX")), "other length");
    memo.keep(field("LAXX"), null);
    assertNull(memo.get(field("LAXX")), "a kept null is held");
    assertEquals("LAX-value", memo.get(field("LAX")));
  }

  @Test
  void aFieldNotLookedUpIsNotKept() {
    FieldMemo memo = new FieldMemo();
    String wide = "x".repeat(FieldMemo.WIDTH + 1);
    assertSame(memo, memo.get(field(wide)));
    memo.keep(field(wide), "wide");
    assertSame(memo, memo.get(field(wide)), "wider than the memo: never held");
    memo.get(field("A"));
    memo.keep(field("A"), "a");
    assertEquals("a", memo.get(field("A")));
  }

  @Test
  void pausesWhenFieldsRarelyRepeatAndResumesLater() {
    FieldMemo memo = new FieldMemo();
    memo.get(field("kept"));
    memo.keep(field("kept"), "k");
    // A window (4,096 lookups) of fields seen once: fewer than one in eight repeated.
    for (int i = 0; i < 4095; i++) {
      memo.get(field("u" + i));
    }
    assertSame(memo, memo.get(field("kept")), "paused: not even a held field is looked up");
    int lookupsWhilePaused = 64 * 4096;
    for (int i = 1; i < lookupsWhilePaused - 1; i++) {
      assertSame(memo, memo.get(field("kept")));
    }
    assertEquals("k", memo.get(field("kept")), "resumed, with what it held");
  }
}
