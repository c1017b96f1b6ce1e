package org.rlgan.render.play;

/**
 * What chooses the actions the renderer shows: a trained agent (wired in by {@code scenarios}), a random policy or
 * a person at the keyboard. The renderer imports no agent code; it hands over each observation flattened to a
 * {@code double[]} by {@code envs}' {@link org.rlgan.envs.vector.Batcher} (a Box row-major, a Discrete as its value,
 * MinAtar's grid element by element), or {@code null} where the space has no flat layout (Blackjack's tuple).
 * Called from the renderer's thread only.
 */
public interface Policy {

  /** The action for this observation: a member of the environment's action space. */
  Object act(double[] observation);

  /** Q(s, ·) for the overlay's bar chart, or {@code null} when the policy has none (random, human). */
  default double[] qValues(double[] observation) {
    return null;
  }

  /** A short name for the title and the overlay, e.g. {@code "dqn best"} or {@code "random"}. */
  default String name() {
    String n = getClass().getSimpleName();
    return n.isEmpty() ? "policy" : n;   // anonymous classes have no simple name
  }
}
