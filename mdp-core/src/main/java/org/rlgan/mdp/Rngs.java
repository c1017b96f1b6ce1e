package org.rlgan.mdp;

import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Random generators for environments and learners. One algorithm everywhere (L64X128MixRandom, a JDK 17 LXM
 * generator whose output is specified, so the same seed gives the same numbers on every JVM), in the form of
 * {@link Lxm}, whose state a checkpoint can save; randomness is always an explicit generator passed in, never a
 * global.
 */
public final class Rngs {

  /** The algorithm name, as {@code java.util.random.RandomGeneratorFactory.of} knows it. */
  public static final String ALGORITHM = "L64X128MixRandom";

  private static final SplittableRandom ENTROPY = new SplittableRandom();

  private Rngs() {}

  /** A generator seeded with {@code seed}, whose state can be saved and restored ({@link Lxm#state()}). */
  public static Lxm seeded(long seed) {
    return Lxm.seeded(seed);
  }

  /**
   * The generator an environment uses after {@code reset(seed)}, by Gymnasium's rule: a seed re-seeds it; no seed
   * continues {@code current}, seeding from entropy the first time ({@code current == null}).
   */
  public static RandomGenerator forReset(RandomGenerator current, OptionalLong seed) {
    if (seed.isPresent()) {
      return seeded(seed.getAsLong());
    }
    return current != null ? current : fromEntropy();
  }

  /** A generator seeded from entropy (what an environment uses when reset without ever being given a seed). */
  public static synchronized Lxm fromEntropy() {
    return Lxm.seeded(ENTROPY.nextLong());
  }

  /**
   * A seed derived from {@code seed} and an index, for the i-th member of a family (vector environments, sweep
   * trials): distinct, well mixed, and reproducible.
   */
  public static long derive(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
