package org.rlgan.mdp.spaces;

import java.util.random.RandomGenerator;

/**
 * A set of observations or actions (Gymnasium's {@code spaces}), over plain Java data.
 *
 * <table>
 *   <caption>Spaces and the Java type of their members</caption>
 *   <tr><th>space</th><th>member</th></tr>
 *   <tr><td>{@link Discrete}</td><td>{@code Integer}</td></tr>
 *   <tr><td>{@link Box}</td><td>{@code double[]}, row-major over {@link #shape()}</td></tr>
 *   <tr><td>{@link MultiDiscrete}</td><td>{@code int[]}</td></tr>
 *   <tr><td>{@link MultiBinary}</td><td>{@code int[]} of 0 and 1, row-major</td></tr>
 *   <tr><td>{@link TupleSpace}</td><td>{@code List<Object>}</td></tr>
 *   <tr><td>{@link DictSpace}</td><td>{@code Map<String, Object>}</td></tr>
 * </table>
 *
 * @param <T> the Java type of a member
 */
public sealed interface Space<T> permits Discrete, Box, MultiDiscrete, MultiBinary, TupleSpace, DictSpace {

  /** A member drawn from {@code rng} (uniform where the space is bounded; see each space). */
  T sample(RandomGenerator rng);

  /** True when {@code x} is a member: right Java type, shape, bounds and element type. */
  boolean contains(Object x);

  /**
   * The shape of a member ({@code []} for a scalar).
   *
   * @throws UnsupportedOperationException for {@link TupleSpace} and {@link DictSpace}, which have none
   */
  int[] shape();

  /** A readable form in Gymnasium's style, e.g. {@code Discrete(2)}, {@code Box(-1.0, 1.0, (3,), float32)}. */
  @Override
  String toString();
}
