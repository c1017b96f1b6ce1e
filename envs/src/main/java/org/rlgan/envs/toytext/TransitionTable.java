package org.rlgan.envs.toytext;

import java.util.ArrayList;
import java.util.List;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.FiniteMdpBuilder;

/**
 * Gymnasium's toy-text {@code P[s][a]} lists and initial distribution {@code isd}: the table a finite toy-text
 * environment steps with and the one its {@link FiniteMdp} is built from, so both are the same MDP entry by entry
 * (same order, duplicates kept). Immutable once built.
 */
public final class TransitionTable {

  private final int states;
  private final int actions;
  private final Transition[][][] p;
  private final double[] isd;

  private TransitionTable(int states, int actions, Transition[][][] p, double[] isd) {
    this.states = states;
    this.actions = actions;
    this.p = p;
    this.isd = isd;
  }

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }

  /** The entries of {@code P[s][a]} in Gymnasium's order (an unmodifiable view). */
  public List<Transition> get(int s, int a) {
    return List.of(p[s][a]);
  }

  /** The initial state distribution (a copy). */
  public double[] initialDistribution() {
    return isd.clone();
  }

  /** Entry {@code k} of {@code P[s][a]}, in the table's order. */
  Transition entry(int s, int a, int k) {
    return p[s][a][k];
  }

  /** The exact finite model: entries in the same order as {@link #get}, duplicates not merged, same {@code isd}. */
  public FiniteMdp toFiniteMdp() {
    FiniteMdpBuilder b = new FiniteMdpBuilder(states, actions);
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        for (Transition t : p[s][a]) {
          b.transition(s, a, t.next(), t.prob(), t.reward(), t.terminated());
        }
      }
    }
    return b.initialDistribution(isd).build();
  }

  /** Collects the lists state by state, action by action. */
  static final class Builder {
    private final int states;
    private final int actions;
    private final List<List<List<Transition>>> rows = new ArrayList<>();
    private final double[] isd;

    Builder(int states, int actions) {
      this.states = states;
      this.actions = actions;
      this.isd = new double[states];
      for (int s = 0; s < states; s++) {
        List<List<Transition>> r = new ArrayList<>();
        for (int a = 0; a < actions; a++) {
          r.add(new ArrayList<>());
        }
        rows.add(r);
      }
    }

    Builder add(int s, int a, double prob, int next, double reward, boolean terminated) {
      rows.get(s).get(a).add(new Transition(prob, next, reward, terminated));
      return this;
    }

    /** Adds weight to the (unnormalised) initial distribution, as Gymnasium's {@code isd[s] += 1}. */
    Builder initialWeight(int s, double w) {
      isd[s] += w;
      return this;
    }

    TransitionTable build() {
      double sum = 0;
      for (double w : isd) {
        sum += w;
      }
      if (!(sum > 0)) {
        throw new IllegalArgumentException("the initial state distribution is empty: no start state");
      }
      double[] norm = new double[states];
      for (int s = 0; s < states; s++) {
        norm[s] = isd[s] / sum;
      }
      Transition[][][] p = new Transition[states][actions][];
      for (int s = 0; s < states; s++) {
        for (int a = 0; a < actions; a++) {
          p[s][a] = rows.get(s).get(a).toArray(new Transition[0]);
        }
      }
      return new TransitionTable(states, actions, p, norm);
    }
  }
}
