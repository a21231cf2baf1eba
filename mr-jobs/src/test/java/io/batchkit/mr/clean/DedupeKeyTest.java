package io.batchkit.mr.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.hadoop.io.DataOutputBuffer;
import org.junit.jupiter.api.Test;

class DedupeKeyTest {
  static byte[] bytes(DedupeKey k) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    k.write(out);
    return Arrays.copyOf(out.getData(), out.getLength());
  }

  @Test
  void rawComparatorsAgreeWithTheObjectOrder() throws IOException {
    Random r = new Random(11);
    DedupeKey.SortComparator sort = new DedupeKey.SortComparator();
    DedupeKey.GroupComparator group = new DedupeKey.GroupComparator();
    for (int i = 0; i < 5_000; i++) {
      DedupeKey a = random(r);
      DedupeKey b = random(r);
      byte[] x = bytes(a);
      byte[] y = bytes(b);
      assertEquals(
          Integer.signum(a.compareTo(b)),
          Integer.signum(sort.compare(x, 0, x.length, y, 0, y.length)));
      int keyOrder = Integer.signum(Arrays.compareUnsigned(a.keyBytes(), b.keyBytes()));
      assertEquals(keyOrder, Integer.signum(group.compare(x, 0, x.length, y, 0, y.length)));
      if (keyOrder == 0) {
        int where =
            a.fileIndex() != b.fileIndex()
                ? Integer.compare(a.fileIndex(), b.fileIndex())
                : Long.compare(a.offset(), b.offset());
        assertEquals(Integer.signum(where), Integer.signum(a.compareTo(b)));
      }
    }
  }

  static DedupeKey random(Random r) {
    byte[] b = new byte[r.nextInt(3)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (r.nextBoolean() ? 'a' : 0xE9);
    }
    DedupeKey k = new DedupeKey();
    k.set(b, b.length, r.nextInt(3), r.nextInt(3));
    return k;
  }
}
