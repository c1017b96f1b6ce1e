package org.rlgan.mdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class LxmTest {

  @Test
  void sameNumbersAsTheJdksL64X128MixRandom() {
    for (long seed : new long[] {0, 1, -1, 42, 123456789L, Long.MIN_VALUE}) {
      RandomGenerator jdk = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
      Lxm ours = Lxm.seeded(seed);
      for (int i = 0; i < 2000; i++) {
        switch (i % 9) {
          case 0 -> assertEquals(jdk.nextLong(), ours.nextLong());
          case 1 -> assertEquals(jdk.nextInt(), ours.nextInt());
          case 2 -> assertEquals(jdk.nextInt(7), ours.nextInt(7));
          case 3 -> assertEquals(jdk.nextDouble(), ours.nextDouble());
          case 4 -> assertEquals(jdk.nextGaussian(), ours.nextGaussian());
          case 5 -> assertEquals(jdk.nextBoolean(), ours.nextBoolean());
          case 6 -> assertEquals(jdk.nextExponential(), ours.nextExponential());
          case 7 -> assertEquals(jdk.nextLong(1_000_003L), ours.nextLong(1_000_003L));
          default -> assertEquals(jdk.nextFloat(), ours.nextFloat());
        }
      }
    }
  }

  @Test
  void savedStateContinuesTheStream() {
    Lxm g = Lxm.seeded(5);
    for (int i = 0; i < 100; i++) {
      g.nextGaussian();
    }
    long[] saved = g.state();
    Lxm resumed = Lxm.fromState(saved);
    Lxm copy = g.copy();
    for (int i = 0; i < 100; i++) {
      double x = g.nextDouble();
      assertEquals(x, resumed.nextDouble());
      assertEquals(x, copy.nextDouble());
    }
    assertArrayEquals(g.state(), resumed.state());
    assertThrows(IllegalArgumentException.class, () -> Lxm.fromState(new long[] {2, 0, 1, 1}));
    assertThrows(IllegalArgumentException.class, () -> Lxm.fromState(new long[3]));
  }
}
