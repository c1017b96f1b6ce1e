package org.rlgan.mdp.solve;

import java.util.stream.IntStream;
import org.rlgan.mdp.model.FiniteMdp;

/** Whole-model sweeps shared by the solvers, split over the common fork-join pool for large models. */
final class Sweeps {

  /** Below this many entries a sweep runs on the calling thread: splitting would cost more than it saves. */
  static final int PARALLEL_MIN_ENTRIES = 200_000;
  private static final int CHUNK_STATES = 4096;

  private Sweeps() {}

  /** {@link FiniteMdp#backup} over all states; results are identical whether or not it runs in parallel. */
  static void backup(FiniteMdp m, double[] v, double gamma, double[] vOut, int[] policyOut, double[] qOut,
      boolean parallel) {
    int s = m.states();
    if (!parallel || m.entryCount() < PARALLEL_MIN_ENTRIES) {
      m.backup(v, gamma, 0, s, vOut, policyOut, qOut);
      return;
    }
    int chunks = (s + CHUNK_STATES - 1) / CHUNK_STATES;
    IntStream.range(0, chunks).parallel().forEach(c -> {
      int from = c * CHUNK_STATES;
      m.backup(v, gamma, from, Math.min(s, from + CHUNK_STATES), vOut, policyOut, qOut);
    });
  }

  /** max |a − b|. */
  static double supDistance(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  /** {min(w − v), max(w − v)}. */
  static double[] minMaxDifference(double[] w, double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < w.length; i++) {
      double d = w[i] - v[i];
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    return new double[] {lo, hi};
  }

  /**
   * Bounds on V* − w after one Bellman backup w = T v (MacQueen 1966; Puterman 1994, Thm 6.6.3): with
   * c = γ/(1−γ), m = min(w − v), M = max(w − v), V* − w lies in [c·m, c·M] componentwise when every row is a
   * distribution; with terminating transitions T(v + k) moves by between γ·min(k, 0) and γ·max(k, 0), so the
   * interval widens to [c·min(m, 0), c·max(M, 0)].
   *
   * @return {lower, upper} offsets; their half-difference bounds the error of {@code w + (lower + upper) / 2}
   */
  static double[] valueBounds(FiniteMdp m, double gamma, double[] w, double[] v) {
    double[] mm = minMaxDifference(w, v);
    double c = gamma / (1 - gamma);
    if (m.isStochastic()) {
      return new double[] {c * mm[0], c * mm[1]};
    }
    return new double[] {c * Math.min(mm[0], 0), c * Math.max(mm[1], 0)};
  }
}
