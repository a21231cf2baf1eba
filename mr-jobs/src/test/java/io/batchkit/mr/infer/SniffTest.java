package io.batchkit.mr.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SniffTest {
  @Test
  void spreadPicksDistinctFilesEvenlyEndingWithTheLast() {
    assertEquals(List.of(), Sniff.spread(1, 31));
    assertEquals(List.of(1), Sniff.spread(2, 31));
    assertEquals(IntStream.rangeClosed(1, 9).boxed().toList(), Sniff.spread(10, 31));
    assertEquals(List.of(3, 6, 9), Sniff.spread(10, 3));
    List<Integer> many = Sniff.spread(1440, 31);
    assertEquals(31, many.size());
    assertEquals(46, many.get(0)); // 1439 / 31
    assertEquals(1439, many.get(30));
    for (int i = 1; i < many.size(); i++) {
      assertEquals(true, many.get(i) > many.get(i - 1), many.toString());
    }
  }
}
