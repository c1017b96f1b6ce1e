package org.rlgan.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.mdp.tabular.Exploration;
import org.rlgan.mdp.tabular.TabularAgent;
import org.rlgan.mdp.tabular.TabularConfig;
import org.rlgan.nets.io.Npz;

/**
 * Drives an mdp-core {@link TabularAgent} from the shared run loop (same collection, evaluation, metrics and
 * listeners as DQN). Observations are the rows the loop batches from a {@code Discrete} space: one value each,
 * the state index plus {@code start}. Every transition is learned at once and advances the agent's schedule
 * clock ({@link TabularAgent#tick()}).
 *
 * <p>Limits: off-policy updates only (Q-learning, Expected SARSA, Double Q-learning); SARSA needs the next action
 * before its update, which this adapter does not defer.
 *
 * <p>Checkpoints ({@link #save}) hold the agent's {@link TabularAgent.Snapshot} in {@code tabular.npz}: {@code q},
 * {@code q2} (Double Q-learning), {@code visits} (int64), and {@code clock}: int64 [steps, rng state...], so a
 * resumed run continues exactly. The agent must be made with an {@code Lxm} generator ({@code Rngs.seeded}).
 */
public final class TabularAdapter implements Agent {
  private final TabularAgent agent;
  private final int start;
  private final int actions;

  /**
   * @param start the observation space's {@code Discrete.start()} (0 for the toy-text environments)
   * @param actions the number of actions the agent was made with
   */
  public TabularAdapter(TabularAgent agent, int start, int actions) {
    if (agent.config().algorithm() == TabularConfig.Algorithm.SARSA) {
      throw new IllegalArgumentException("TabularAdapter does not support SARSA (it needs the next action before "
          + "its update); use Q_LEARNING, EXPECTED_SARSA or DOUBLE_Q_LEARNING, or mdp-core's TabularTrainer");
    }
    this.agent = agent;
    this.start = start;
    this.actions = actions;
  }

  public TabularAgent agent() {
    return agent;
  }

  private int state(float v) {
    return Math.round(v) - start;
  }

  @Override
  public void act(float[] obs, int n, long step, int[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = agent.act(state(obs[i]));
    }
  }

  @Override
  public void greedy(float[] obs, int n, int[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = agent.greedy(state(obs[i]));
    }
  }

  @Override
  public void observe(int env, float[] obs, int action, double reward, float[] nextObs, boolean terminated,
      boolean truncated, boolean replaying) {
    if (replaying) {
      return;
    }
    agent.update(state(obs[0]), action, reward, state(nextObs[0]), terminated, 0);
    agent.tick();
  }

  @Override
  public TrainStats afterStep(long step, long vectorSteps) {
    return TrainStats.NONE;
  }

  @Override
  public double epsilon(long step) {
    return agent.config().exploration() instanceof Exploration.EpsilonGreedy e
        ? e.epsilon().value(agent.steps()) : Double.NaN;
  }

  @Override
  public void save(Path dir) throws IOException {
    TabularAgent.Snapshot snap = agent.snapshot();
    long[] clock = new long[1 + snap.rng().length];
    clock[0] = snap.steps();
    System.arraycopy(snap.rng(), 0, clock, 1, snap.rng().length);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("q", Nd4j.createFromArray(snap.q()));
    if (snap.q2() != null) {
      arrays.put("q2", Nd4j.createFromArray(snap.q2()));
    }
    arrays.put("visits", Nd4j.createFromArray(snap.visits()));
    arrays.put("clock", Nd4j.createFromArray(clock));
    Npz.write(dir.resolve("tabular.npz"), arrays);
  }

  @Override
  public void load(Path dir) throws IOException {
    Path file = dir.resolve("tabular.npz");
    if (!Files.exists(file)) {
      throw new IOException(file + " is missing: this checkpoint was not written by a tabular agent");
    }
    Map<String, INDArray> a = Npz.read(file);
    long[] clock = a.get("clock").toLongVector();
    long[] rng = java.util.Arrays.copyOfRange(clock, 1, clock.length);
    agent.restore(new TabularAgent.Snapshot(a.get("q").toDoubleVector(),
        a.containsKey("q2") ? a.get("q2").toDoubleVector() : null, a.get("visits").toLongVector(), clock[0], rng));
  }

  /** Writes Q as {@code q.npz} ({@code "q"}: [S, A] float64). */
  @Override
  public void saveModel(Path dir) throws IOException {
    double[] q = agent.qTable();
    Npz.write(dir.resolve("q.npz"), Map.of("q", Nd4j.createFromArray(q).reshape(q.length / actions, actions)));
  }
}
