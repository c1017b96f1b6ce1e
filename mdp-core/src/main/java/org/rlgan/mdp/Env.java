package org.rlgan.mdp;

import java.util.Map;
import java.util.OptionalLong;
import org.rlgan.mdp.spaces.Space;

/**
 * An environment with Gymnasium 1.x semantics.
 *
 * <ul>
 *   <li>{@link #reset(OptionalLong, Map)} starts an episode. With a seed it re-seeds the environment's random
 *       generator, so the same seed and the same actions give the same episode; without one it continues the
 *       generator (seeded from entropy on first use, as Gymnasium does).
 *   <li>{@link #step} advances one step and returns a {@link Step} with separate {@code terminated} and
 *       {@code truncated} flags; there is no single {@code done}.
 *   <li>Calling {@code step} before {@code reset} is a {@link ResetNeededException}; an action outside
 *       {@link #actionSpace()} is an {@link InvalidActionException} naming the action and the space.
 * </ul>
 *
 * <p>Observations and actions are plain Java data (an {@code Integer} for a {@code Discrete} space, a
 * row-major {@code double[]} for a {@code Box}, ...): this module never imports a tensor library. Returned arrays
 * are fresh copies that the caller may keep.
 *
 * @param <O> the observation type
 * @param <A> the action type
 */
public interface Env<O, A> extends AutoCloseable {

  /** Starts an episode, re-seeding the environment's generator when a seed is given. */
  Reset<O> reset(OptionalLong seed, Map<String, Object> options);

  /** {@code reset(OptionalLong.of(seed), Map.of())}. */
  default Reset<O> reset(long seed) {
    return reset(OptionalLong.of(seed), Map.of());
  }

  /** {@code reset(OptionalLong.empty(), Map.of())}: the next episode from the current generator state. */
  default Reset<O> reset() {
    return reset(OptionalLong.empty(), Map.of());
  }

  /** Advances one step with the given action. */
  Step<O> step(A action);

  /** The space every observation belongs to. */
  Space<O> observationSpace();

  /** The space every valid action belongs to. */
  Space<A> actionSpace();

  /** How this environment was made: id, time limit, reward threshold, options. */
  EnvSpec spec();

  /**
   * The innermost environment, below every wrapper. Wrappers return their inner environment's
   * {@code unwrapped()}; an environment returns itself. Access to environment-specific methods (for instance a
   * physical state) goes through this, explicitly, never through attribute forwarding.
   */
  default Env<?, ?> unwrapped() {
    return this;
  }

  /** Releases whatever the environment holds; the default holds nothing. */
  @Override
  default void close() {}
}
