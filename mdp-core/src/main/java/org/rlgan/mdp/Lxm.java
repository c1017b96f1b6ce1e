package org.rlgan.mdp;

import java.util.random.RandomGenerator;

/**
 * The JDK's L64X128MixRandom (Steele &amp; Vigna 2021, "LXM: better splittable pseudorandom number generators"),
 * re-implemented so its state can be read and restored: a checkpoint saves {@link #state()} and a resumed run
 * continues the very same stream. It produces exactly the numbers of
 * {@code RandomGeneratorFactory.of("L64X128MixRandom").create(seed)} for the same seed (checked in the tests), so
 * every seed means the same thing whether or not state is ever saved.
 */
public final class Lxm implements RandomGenerator {

  private static final long M = 0xd1342543de82ef95L;
  private static final long GOLDEN_RATIO_64 = 0x9e3779b97f4a7c15L;
  private static final long SILVER_RATIO_64 = 0x6A09E667F3BCC909L;

  private long a; // the LCG's additive parameter (odd)
  private long s; // the LCG's state
  private long x0; // the xoroshiro128 state
  private long x1;

  private Lxm(long a, long s, long x0, long x1) {
    this.a = a | 1;
    this.s = s;
    this.x0 = x0;
    this.x1 = x1;
    if ((x0 | x1) == 0) {
      long v = s + GOLDEN_RATIO_64;
      this.x0 = mixStafford13(v);
      this.x1 = mixStafford13(v + GOLDEN_RATIO_64);
    }
  }

  /** The generator the JDK's {@code L64X128MixRandom(seed)} constructor makes. */
  public static Lxm seeded(long seed) {
    long t = seed ^ SILVER_RATIO_64;
    return new Lxm(mixMurmur64(t), 1, mixStafford13(t), mixStafford13(t + GOLDEN_RATIO_64));
  }

  /** A generator continuing from a saved {@link #state()}. */
  public static Lxm fromState(long[] state) {
    if (state == null || state.length != 4) {
      throw new IllegalArgumentException("an Lxm state is 4 longs (a, s, x0, x1); got "
          + (state == null ? "null" : state.length + " values"));
    }
    Lxm g = new Lxm(state[0], state[1], state[2], state[3]);
    if (g.a != state[0] || g.x0 != state[2] || g.x1 != state[3]) {
      throw new IllegalArgumentException("not a valid Lxm state (a must be odd, x0 and x1 not both 0)");
    }
    return g;
  }

  /** The whole state {a, s, x0, x1}: saving it and {@link #fromState restoring} it continues the same stream. */
  public long[] state() {
    return new long[] {a, s, x0, x1};
  }

  /** An independent copy at the same point of the stream. */
  public Lxm copy() {
    return fromState(state());
  }

  @Override
  public long nextLong() {
    long result = mixLea64(s + x0);
    s = M * s + a;
    long q0 = x0;
    long q1 = x1;
    q1 ^= q0; // xoroshiro128 v1.0
    q0 = Long.rotateLeft(q0, 24);
    q0 = q0 ^ q1 ^ (q1 << 16);
    q1 = Long.rotateLeft(q1, 37);
    x0 = q0;
    x1 = q1;
    return result;
  }

  private static long mixLea64(long z) {
    z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
    z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
    return z ^ (z >>> 32);
  }

  private static long mixMurmur64(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static long mixStafford13(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
