package org.rlgan.gan;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"; the finaliser of
 * Vigna's splitmix64.c): a 64-bit counter advanced by the golden-ratio increment and hashed. Its whole state is
 * one {@code long}, readable and restorable, which is what an exactly resumable training run needs: the trainer
 * saves {@link #state()} in its checkpoint and {@link #setState(long)} puts it back.
 *
 * <p>gan-lab depends on nets only, so it cannot use {@code org.rlgan.mdp.Lxm}; SplitMix64 is the simplest
 * generator with a one-word state and good statistical quality for this use (noise vectors, data draws,
 * interpolation weights). Gaussians come from {@link RandomGenerator#nextGaussian()}, the JDK's default
 * algorithm over {@link #nextLong()}, so they too are a function of the state alone.
 */
public final class SplitMix64 implements RandomGenerator {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  /** A generator whose first output is the hash of {@code seed + GOLDEN}. */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  @Override
  public long nextLong() {
    long z = (state += GOLDEN);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The current state (the counter); a generator built with it continues the same sequence. */
  public long state() {
    return state;
  }

  /** Restores a state from {@link #state()}. */
  public void setState(long state) {
    this.state = state;
  }

  /** An independent-looking stream for a purpose, derived from a seed (hash of seed and stream number). */
  public static SplitMix64 stream(long seed, long stream) {
    SplitMix64 h = new SplitMix64(seed ^ (stream * 0xD1B54A32D192ED03L));
    return new SplitMix64(h.nextLong());
  }
}
