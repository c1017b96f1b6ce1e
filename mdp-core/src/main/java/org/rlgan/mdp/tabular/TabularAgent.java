package org.rlgan.mdp.tabular;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.rlgan.mdp.Lxm;

/**
 * A tabular learner over S states and A actions (book chapter 10): Q-learning, SARSA, Expected SARSA or Double
 * Q-learning, chosen by {@link TabularConfig#algorithm()}; every update is in {@link #update}. Randomness
 * (exploration, Double Q's coin) comes from the generator passed in, so the same seed gives the same run.
 */
public final class TabularAgent {

  private final TabularConfig config;
  private final int states;
  private final int actions;
  private RandomGenerator rng; // replaced by restore()
  private final double[] q;
  private final double[] q2; // the second table of Double Q-learning, else null
  private final long[] visits;
  private final double[] scratch;
  private long steps;

  public TabularAgent(TabularConfig config, int states, int actions, RandomGenerator rng) {
    if (states <= 0 || actions <= 0) {
      throw new IllegalArgumentException("a tabular agent needs S ≥ 1 and A ≥ 1; got " + states + ", " + actions);
    }
    this.config = config;
    this.states = states;
    this.actions = actions;
    this.rng = rng;
    this.q = new double[states * actions];
    Arrays.fill(q, config.initialQ());
    this.q2 = config.algorithm() == TabularConfig.Algorithm.DOUBLE_Q_LEARNING ? q.clone() : null;
    this.visits = new long[states * actions];
    this.scratch = new double[actions];
  }

  public TabularConfig config() {
    return config;
  }

  /** Environment steps taken so far (the clock of the schedules). */
  public long steps() {
    return steps;
  }

  /** The behaviour policy's action in {@code s} at the current step. */
  public int act(int s) {
    check(s);
    double[] values = values(s);
    if (config.exploration() instanceof Exploration.EpsilonGreedy e) {
      if (rng.nextDouble() < e.epsilon().value(steps)) {
        return rng.nextInt(actions);
      }
      return argmaxRandomTies(values);
    }
    double[] p = softmax(values, ((Exploration.Softmax) config.exploration()).temperature().value(steps));
    double u = rng.nextDouble();
    double c = 0;
    for (int a = 0; a < actions; a++) {
      c += p[a];
      if (u < c) {
        return a;
      }
    }
    return actions - 1;
  }

  /** The greedy action in {@code s} (lowest index on ties): what evaluation plays. */
  public int greedy(int s) {
    check(s);
    double[] values = values(s);
    int best = 0;
    for (int a = 1; a < actions; a++) {
      if (values[a] > values[best]) {
        best = a;
      }
    }
    return best;
  }

  /**
   * Learns from one transition. Bootstraps unless {@code terminated}; a truncated step still bootstraps, since the
   * state it reached has a value.
   *
   * @param nextAction the action the agent will take in {@code s2} (used by SARSA; ignored otherwise)
   */
  public void update(int s, int a, double r, int s2, boolean terminated, int nextAction) {
    check(s);
    check(s2);
    int sa = s * actions + a;
    double gamma = config.discount();
    long n = ++visits[sa];
    double alpha = config.stepSize().alpha(n);
    switch (config.algorithm()) {
      case Q_LEARNING -> {
        // Q(s,a) += α [r + γ max_a' Q(s',a') − Q(s,a)]
        double target = r + (terminated ? 0 : gamma * max(q, s2));
        q[sa] += alpha * (target - q[sa]);
      }
      case SARSA -> {
        // Q(s,a) += α [r + γ Q(s',a') − Q(s,a)], a' the next action actually taken
        double target = r + (terminated ? 0 : gamma * q[s2 * actions + nextAction]);
        q[sa] += alpha * (target - q[sa]);
      }
      case EXPECTED_SARSA -> {
        // Q(s,a) += α [r + γ Σ_a' π(a'|s') Q(s',a') − Q(s,a)]
        double target = r + (terminated ? 0 : gamma * expectedUnderBehaviour(s2));
        q[sa] += alpha * (target - q[sa]);
      }
      case DOUBLE_Q_LEARNING -> {
        // With probability 1/2: Q1(s,a) += α [r + γ Q2(s', argmax_a' Q1(s',a')) − Q1(s,a)]; else the mirror image.
        boolean first = rng.nextBoolean();
        double[] upd = first ? q : q2;
        double[] eval = first ? q2 : q;
        double target = r + (terminated ? 0 : gamma * eval[s2 * actions + argmaxLowest(upd, s2)]);
        upd[sa] += alpha * (target - upd[sa]);
      }
      default -> throw new IllegalStateException(config.algorithm().toString());
    }
  }

  /** Advances the schedules' clock by one environment step. */
  public void tick() {
    steps++;
  }

  /** Q(s, a) (for Double Q-learning, the mean of the two tables). */
  public double q(int s, int a) {
    int sa = s * actions + a;
    return q2 == null ? q[sa] : (q[sa] + q2[sa]) / 2;
  }

  /** Q as a row-major S × A copy. */
  public double[] qTable() {
    double[] out = new double[q.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = q2 == null ? q[i] : (q[i] + q2[i]) / 2;
    }
    return out;
  }

  /**
   * Everything the agent's future depends on: the tables, the visit counts (the step sizes' clocks), the schedule
   * clock and the generator's state. Arrays are copies.
   *
   * @param q Q (Q1 for Double Q-learning), row-major S × A
   * @param q2 Double Q-learning's second table, else null
   * @param visits updates of each (s, a), row-major S × A
   * @param steps the schedule clock ({@link #steps()})
   * @param rng the generator's state ({@link Lxm#state()})
   */
  public record Snapshot(double[] q, double[] q2, long[] visits, long steps, long[] rng) {}

  /**
   * A copy of the agent's state for an exact resume.
   *
   * @throws IllegalStateException when the generator is not an {@link Lxm} (whose state can be read back); make
   *     the agent with {@code Rngs.seeded(seed)}
   */
  public Snapshot snapshot() {
    if (!(rng instanceof Lxm lxm)) {
      throw new IllegalStateException("this agent's generator is a " + rng.getClass().getSimpleName()
          + ", whose state cannot be saved; make the agent with Rngs.seeded(seed) to checkpoint it");
    }
    return new Snapshot(q.clone(), q2 == null ? null : q2.clone(), visits.clone(), steps, lxm.state());
  }

  /**
   * Puts the agent back in the state of a {@link #snapshot()} taken from an agent of the same configuration and
   * size: afterwards it acts and learns exactly as that agent would have.
   *
   * @throws IllegalArgumentException naming what does not fit
   */
  public void restore(Snapshot s) {
    if (s.q().length != q.length || s.visits().length != visits.length) {
      throw new IllegalArgumentException("snapshot has " + s.q().length + " Q entries and " + s.visits().length
          + " visit counts; this agent has S × A = " + q.length);
    }
    if ((s.q2() == null) != (q2 == null) || (q2 != null && s.q2().length != q2.length)) {
      throw new IllegalArgumentException("snapshot " + (s.q2() == null ? "has no" : "has a") + " second Q table; "
          + "this agent runs " + config.algorithm());
    }
    System.arraycopy(s.q(), 0, q, 0, q.length);
    if (q2 != null) {
      System.arraycopy(s.q2(), 0, q2, 0, q2.length);
    }
    System.arraycopy(s.visits(), 0, visits, 0, visits.length);
    steps = s.steps();
    rng = Lxm.fromState(s.rng());
  }

  /** Updates of (s, a) so far. */
  public long visits(int s, int a) {
    return visits[s * actions + a];
  }

  private double[] values(int s) {
    for (int a = 0; a < actions; a++) {
      scratch[a] = q(s, a);
    }
    return scratch;
  }

  private double expectedUnderBehaviour(int s) {
    double[] values = values(s).clone();
    double e = 0;
    if (config.exploration() instanceof Exploration.EpsilonGreedy g) {
      double eps = g.epsilon().value(steps);
      double best = Double.NEGATIVE_INFINITY;
      for (double v : values) {
        best = Math.max(best, v);
      }
      int ties = 0;
      for (double v : values) {
        ties += v == best ? 1 : 0;
      }
      for (double v : values) {
        double p = eps / actions + (v == best ? (1 - eps) / ties : 0);
        e += p * v;
      }
      return e;
    }
    double[] p = softmax(values, ((Exploration.Softmax) config.exploration()).temperature().value(steps));
    for (int a = 0; a < actions; a++) {
      e += p[a] * values[a];
    }
    return e;
  }

  private static double[] softmax(double[] values, double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalStateException("softmax temperature is " + temperature + "; it must be positive");
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double[] p = new double[values.length];
    double sum = 0;
    for (int a = 0; a < p.length; a++) {
      p[a] = Math.exp((values[a] - max) / temperature);
      sum += p[a];
    }
    for (int a = 0; a < p.length; a++) {
      p[a] /= sum;
    }
    return p;
  }

  private int argmaxRandomTies(double[] values) {
    double best = Double.NEGATIVE_INFINITY;
    int count = 0;
    int choice = 0;
    for (int a = 0; a < values.length; a++) {
      if (values[a] > best) {
        best = values[a];
        count = 1;
        choice = a;
      } else if (values[a] == best && rng.nextInt(++count) == 0) {
        choice = a; // reservoir sampling over the tied actions
      }
    }
    return choice;
  }

  private double max(double[] table, int s) {
    double m = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < actions; a++) {
      m = Math.max(m, table[s * actions + a]);
    }
    return m;
  }

  private int argmaxLowest(double[] table, int s) {
    int best = 0;
    for (int a = 1; a < actions; a++) {
      if (table[s * actions + a] > table[s * actions + best]) {
        best = a;
      }
    }
    return best;
  }

  private void check(int s) {
    if (s < 0 || s >= states) {
      throw new IllegalArgumentException("state " + s + " is outside 0.." + (states - 1));
    }
  }
}
