package org.rlgan.mdp.model;

import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.EpisodeGuard;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Space;

/**
 * A finite model as an environment: states and actions are integers, {@code reset} draws from the initial
 * distribution and {@code step} draws one transition with one uniform number (Gymnasium's toy-text rule),
 * returning its reward and its terminated flag. An optional step limit truncates episodes (the forest problem,
 * which never terminates, needs one). Stepping after the episode ended is refused: call {@code reset}.
 */
public final class FiniteMdpEnv implements Env<Integer, Integer>, HasTransitionModel {

  private final FiniteMdp model;
  private final EnvSpec spec;
  private final Discrete observationSpace;
  private final Discrete actionSpace;
  private final EpisodeGuard guard;
  private RandomGenerator rng;
  private int state = -1;
  private int elapsed;

  /**
   * @param id the id to report in the spec and in messages
   * @param maxEpisodeSteps the truncation limit, or empty for none
   */
  public FiniteMdpEnv(FiniteMdp model, String id, OptionalInt maxEpisodeSteps) {
    this.model = model;
    EnvSpec base = EnvSpec.of(id, false);
    this.spec = maxEpisodeSteps.isPresent() ? base.withMaxEpisodeSteps(maxEpisodeSteps.getAsInt()) : base;
    this.observationSpace = new Discrete(model.states());
    this.actionSpace = new Discrete(model.actions());
    this.guard = new EpisodeGuard(id, EpisodeGuard.AfterEnd.FORBID);
  }

  @Override
  public Reset<Integer> reset(OptionalLong seed, Map<String, Object> options) {
    rng = Rngs.forReset(rng, seed);
    state = model.sampleInitial(rng);
    elapsed = 0;
    guard.onReset();
    return new Reset<>(state, Map.of("prob", model.initialDistribution()[state]));
  }

  @Override
  public Step<Integer> step(Integer action) {
    guard.beforeStep(actionSpace, action);
    int k = model.sampleEntry(state, action, rng);
    double reward = model.reward(model.row(state, action), k);
    boolean terminated = model.terminated(k);
    state = model.next(k);
    elapsed++;
    boolean truncated = spec.maxEpisodeSteps().isPresent() && elapsed >= spec.maxEpisodeSteps().getAsInt();
    guard.afterStep(terminated, truncated);
    return new Step<>(state, reward, terminated, truncated, Map.of());
  }

  /** The current state (−1 before the first reset). */
  public int state() {
    return state;
  }

  @Override
  public Space<Integer> observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actionSpace;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public FiniteMdp transitionModel() {
    return model;
  }
}
