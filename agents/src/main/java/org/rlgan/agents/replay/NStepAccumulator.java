package org.rlgan.agents.replay;

import java.util.ArrayDeque;

/**
 * Turns one sub-environment's stream of one-step transitions into n-step transitions (Sutton 1988; used by
 * Rainbow, Hessel et al. 2018): (s_t, a_t, R = Σ_{k<m} γ^k r_{t+k}, s_{t+m}, γ^m), m = n normally.
 *
 * <p>At the end of an episode every pending transition is emitted with the rewards that remain (m &lt; n):
 * after <b>termination</b> with discount 0 (the terminal state has no value), after <b>truncation</b> with
 * discount γ^m and the last observation, which still has a value. A truncated episode is never bootstrapped
 * from the next episode's first observation.
 */
public final class NStepAccumulator {

  /** Where emitted transitions go. */
  @FunctionalInterface
  public interface Sink {
    void accept(float[] obs, int action, double reward, float[] nextObs, double discount);
  }

  private record Pending(float[] obs, int action, double reward) {}

  private final int n;
  private final double gamma;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  public NStepAccumulator(int n, double gamma) {
    if (n < 1) {
      throw new IllegalArgumentException("nStep is " + n + "; it must be at least 1");
    }
    this.n = n;
    this.gamma = gamma;
  }

  /** Transitions held back, waiting for their n-th reward. */
  public int pending() {
    return pending.size();
  }

  /** Forgets the pending transitions (a new episode starts without them being emitted). */
  public void clear() {
    pending.clear();
  }

  /**
   * One environment step. {@code obs} is kept (not copied); {@code nextObs} is handed to the sink as is.
   */
  public void add(float[] obs, int action, double reward, float[] nextObs, boolean terminated, boolean truncated,
      Sink sink) {
    pending.addLast(new Pending(obs, action, reward));
    if (terminated || truncated) {
      while (!pending.isEmpty()) {
        emit(nextObs, terminated, sink);
      }
    } else if (pending.size() == n) {
      emit(nextObs, false, sink);
    }
  }

  /** Emits the oldest pending transition with every reward after it, bootstrapping from {@code nextObs}. */
  private void emit(float[] nextObs, boolean terminated, Sink sink) {
    double ret = 0;
    double discount = 1;
    for (Pending p : pending) {
      ret += discount * p.reward();
      discount *= gamma;
    }
    Pending first = pending.removeFirst();
    sink.accept(first.obs(), first.action(), ret, nextObs, terminated ? 0.0 : discount);
  }
}
