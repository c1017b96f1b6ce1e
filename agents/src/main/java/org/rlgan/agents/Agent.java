package org.rlgan.agents;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the run loop ({@link org.rlgan.agents.run.Trainer}) drives: a learner with discrete actions over
 * observations batched as row-major float rows [n, width]. The DQN agent and the tabular adapter implement it.
 */
public interface Agent {

  /** The behaviour policy's actions for n rows of observations at environment step {@code step}. */
  void act(float[] obs, int n, long step, int[] actionsOut);

  /** The greedy policy's actions (evaluation). */
  void greedy(float[] obs, int n, int[] actionsOut);

  /**
   * One transition of sub-environment {@code env}. During a resume the loop replays the current episodes with
   * {@code replaying} true: the agent rebuilds per-episode state (n-step windows) but stores nothing new.
   * {@code obs} and {@code nextObs} are the agent's to keep.
   */
  void observe(int env, float[] obs, int action, double reward, float[] nextObs, boolean terminated,
      boolean truncated, boolean replaying);

  /**
   * Called after every vector step (after {@link #observe} for each sub-environment): target updates, training.
   *
   * @param step environment steps so far (all sub-environments)
   * @param vectorSteps vector steps so far
   * @return what training did in this call (zero updates when none)
   */
  TrainStats afterStep(long step, long vectorSteps);

  /** The exploration rate at {@code step} (NaN when the agent does not explore ε-greedily). */
  double epsilon(long step);

  /** Writes everything needed to continue exactly into {@code dir} (which exists). */
  void save(Path dir) throws IOException;

  /** Restores what {@link #save} wrote. */
  void load(Path dir) throws IOException;

  /** Writes the greedy policy's parameters alone (the best-model checkpoint). */
  void saveModel(Path dir) throws IOException;

  /** Sums over the gradient updates of one call; {@code updates == 0} when nothing was trained. */
  record TrainStats(int updates, double lossSum, double meanQSum, double absTdSum) {
    public static final TrainStats NONE = new TrainStats(0, 0, 0, 0);

    public TrainStats plus(TrainStats o) {
      return new TrainStats(updates + o.updates, lossSum + o.lossSum, meanQSum + o.meanQSum, absTdSum + o.absTdSum);
    }
  }
}
