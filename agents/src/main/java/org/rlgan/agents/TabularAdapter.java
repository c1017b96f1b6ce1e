package org.rlgan.agents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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
 * before its update, which this adapter does not defer. No exact resume: {@code TabularAgent} does not expose its
 * tables and visit counts for restoring, so {@link #save} refuses.
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
  public void save(Path dir) {
    throw new UnsupportedOperationException("tabular agents cannot be checkpointed for exact resume: TabularAgent "
        + "has no way to restore its tables; set checkpointEvery to 0");
  }

  @Override
  public void load(Path dir) {
    save(dir);
  }

  /** Writes Q as {@code q.npz} ({@code "q"}: [S, A] float64). */
  @Override
  public void saveModel(Path dir) throws IOException {
    double[] q = agent.qTable();
    Npz.write(dir.resolve("q.npz"), Map.of("q", Nd4j.createFromArray(q).reshape(q.length / actions, actions)));
  }
}
