package org.rlgan.envs.toytext;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.rlgan.mdp.EpisodeGuard;
import org.rlgan.mdp.ResetNeededException;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.spaces.Discrete;

/**
 * The episode of a table-driven toy-text environment (Gymnasium's {@code DiscreteEnv} core, shared by FrozenLake,
 * CliffWalking and Taxi): the generator, the current state and last action, the misuse checks, and the finite
 * model of the table. Steps and resets are drawn with the model's own sampler ({@link FiniteMdp#sampleEntry},
 * Gymnasium's {@code categorical_sample}), whose entries are the table's in the same order. Stepping after the
 * end is allowed, as in Gymnasium's raw toy-text environments (terminal rows are absorbing).
 */
final class TableWalk {

  private final String envId;
  private final TransitionTable table;
  private final Discrete actions;
  private final EpisodeGuard guard;
  private RandomGenerator rng;
  private final FiniteMdp model;
  private int state = -1;
  private int lastAction = -1;

  TableWalk(String envId, TransitionTable table, Discrete actions) {
    this.envId = envId;
    this.table = table;
    this.actions = actions;
    this.guard = new EpisodeGuard(envId, EpisodeGuard.AfterEnd.ALLOW);
    this.model = table.toFiniteMdp();
  }

  /** Re-seeds when a seed is given (else continues; from entropy the first time) and draws the first state. */
  int reset(OptionalLong seed) {
    rng = Rngs.forReset(rng, seed);
    state = model.sampleInitial(rng);
    lastAction = -1;
    guard.onReset();
    return state;
  }

  /** Checks the action, draws one transition with one uniform number and moves to its next state. */
  Transition step(Integer action) {
    guard.beforeStep(actions, action);
    int row = model.row(state, action);
    Transition t = table.entry(state, action, model.sampleEntry(state, action, rng) - model.start(row));
    state = t.next();
    lastAction = action;
    guard.afterStep(t.terminated(), false);
    return t;
  }

  /** The generator of the episode (for draws an environment makes beyond the table, e.g. Taxi's fickle passenger). */
  RandomGenerator rng() {
    return rng;
  }

  /** The current state, −1 before the first reset. */
  int state() {
    return state;
  }

  /** Moves to {@code s} (a state the environment computed itself after {@link #step}). */
  void moveTo(int s) {
    state = s;
  }

  /** The last action of the episode, −1 right after a reset. */
  int lastAction() {
    return lastAction;
  }

  /** The last action, or empty right after a reset. */
  OptionalInt lastActionIfAny() {
    return lastAction >= 0 ? OptionalInt.of(lastAction) : OptionalInt.empty();
  }

  /** The finite model of the table. */
  FiniteMdp model() {
    return model;
  }

  /** Throws when nothing has been reset yet (before rendering or describing the scene). */
  void requireReset() {
    if (state < 0) {
      throw new ResetNeededException(envId + ": nothing to show before reset(); call reset(seed) first");
    }
  }
}
