package org.rlgan.agents.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SumTreeTest {

  @Test
  void totalAndMinFollowEveryUpdateForACapacityThatIsNotAPowerOfTwo() {
    SumTree t = new SumTree(7);
    double[] p = new double[7];
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < 500; k++) {
      int i = r.nextInt(7);
      p[i] = r.nextDouble() * 10;
      t.set(i, p[i]);
      double sum = 0;
      for (int j = 0; j < 7; j++) {
        sum += p[j];
      }
      assertEquals(sum, t.total(), 1e-9);
      assertEquals(p[i], t.get(i));
    }
    double min = Double.POSITIVE_INFINITY;
    for (double v : p) {
      min = Math.min(min, v);
    }
    assertEquals(min, t.min());
  }

  @Test
  void findReturnsTheLeafWhosePrefixIntervalHoldsU() {
    SumTree t = new SumTree(5);
    double[] p = {1, 0, 2, 3, 0.5};
    for (int i = 0; i < p.length; i++) {
      t.set(i, p[i]);
    }
    // prefix sums: [0,1) -> 0, [1,3) -> 2 (leaf 1 has zero mass), [3,6) -> 3, [6,6.5) -> 4
    assertEquals(0, t.find(0.0));
    assertEquals(0, t.find(0.999));
    assertEquals(2, t.find(1.0));
    assertEquals(2, t.find(2.999));
    assertEquals(3, t.find(3.0));
    assertEquals(4, t.find(6.2));
    assertEquals(4, t.find(Math.nextDown(6.5)));
  }

  @Test
  void zeroPriorityLeavesAreNeverFoundEvenAtTheTopOfTheRange() {
    SumTree t = new SumTree(6); // leaves 6 and 7 of the power-of-two tree are unused
    t.set(0, 1);
    t.set(1, 1);
    assertEquals(1, t.find(Math.nextDown(2.0)));
    assertEquals(1, t.find(2.0)); // rounding past the total stays on the last non-empty leaf
  }

  @Test
  void rejectsNegativeOrNonFinitePriorities() {
    SumTree t = new SumTree(4);
    assertThrows(IllegalArgumentException.class, () -> t.set(0, -1));
    assertThrows(IllegalArgumentException.class, () -> t.set(0, Double.NaN));
    assertThrows(IndexOutOfBoundsException.class, () -> t.set(4, 1));
  }
}
