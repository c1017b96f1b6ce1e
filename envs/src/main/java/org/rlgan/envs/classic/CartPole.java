package org.rlgan.envs.classic;

import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.rlgan.envs.HasScene;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.EpisodeGuard;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.DType;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Space;

/**
 * The cart-pole of Barto, Sutton and Anderson (1983), "Neuronlike adaptive elements that can solve difficult
 * learning control problems", exactly as Gymnasium 1.4's {@code CartPoleEnv}: explicit Euler with
 * {@code tau = 0.02} s, a force of ±10 N, the pole's equations of Florian (2005).
 *
 * <ul>
 *   <li>Actions: {@code Discrete(2)}; 0 pushes left, 1 pushes right.
 *   <li>Observation: {@code [x, x_dot, theta, theta_dot]} as float32 values, in
 *       {@code Box([-4.8 -inf -0.41887903 -inf], [4.8 inf 0.41887903 inf], (4,), float32)}.
 *   <li>State ({@link #state()}): the same four numbers in float64.
 *   <li>Reward: 1 per step including the terminating one; with {@code sutton_barto_reward}, 0 per step and -1 on
 *       termination. After termination further steps are allowed (as in Gymnasium) and return reward 0 (-1 with
 *       {@code sutton_barto_reward}), whatever the state.
 *   <li>Terminated when {@code |x| > 2.4} or {@code |theta| > 12°}.
 *   <li>Reset: every state variable uniform in [-0.05, 0.05), or in the reset options' {@code [low, high)}.
 * </ul>
 */
public final class CartPole implements Env<double[], Integer>, HasScene {

  static final double GRAVITY = 9.8;
  static final double MASSCART = 1.0;
  static final double MASSPOLE = 0.1;
  static final double TOTAL_MASS = MASSPOLE + MASSCART;
  /** Half the pole's length, m. */
  static final double LENGTH = 0.5;
  static final double POLEMASS_LENGTH = MASSPOLE * LENGTH;
  static final double FORCE_MAG = 10.0;
  /** Seconds between state updates. */
  static final double TAU = 0.02;
  /** The pole angle (rad) beyond which the episode terminates: 12°. */
  public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
  /** The cart position (m) beyond which the episode terminates. */
  public static final double X_THRESHOLD = 2.4;

  private static final Discrete ACTIONS = new Discrete(2);
  private static final Box OBSERVATIONS = new Box(
      new double[] {-X_THRESHOLD * 2, Double.NEGATIVE_INFINITY, -THETA_THRESHOLD_RADIANS * 2,
          Double.NEGATIVE_INFINITY},
      new double[] {X_THRESHOLD * 2, Double.POSITIVE_INFINITY, THETA_THRESHOLD_RADIANS * 2,
          Double.POSITIVE_INFINITY},
      new int[] {4}, DType.FLOAT32);

  private final EnvSpec spec;
  private final boolean suttonBartoReward;
  private final EpisodeGuard guard;
  private RandomGenerator rng;
  private double[] state;
  /** Gymnasium's {@code steps_beyond_terminated}: -1 for None. */
  private int stepsBeyondTerminated = -1;

  /** {@code CartPole-v1} with Gymnasium's default reward, outside any registry (no time limit). */
  public CartPole() {
    this(EnvSpec.of("CartPole-v1", true), false);
  }

  /**
   * @param spec how it was made (the registry passes the id, limit and options)
   * @param suttonBartoReward Gymnasium's {@code sutton_barto_reward}: 0 per step, -1 on termination
   */
  public CartPole(EnvSpec spec, boolean suttonBartoReward) {
    this.spec = spec;
    this.suttonBartoReward = suttonBartoReward;
    this.guard = new EpisodeGuard(spec.id(), EpisodeGuard.AfterEnd.ALLOW);
  }

  /** Reset options: {@code low}, {@code high} (numbers) bound the uniform initial state. */
  @Override
  public Reset<double[]> reset(OptionalLong seed, Map<String, Object> options) {
    double[] b = Classic.resetBounds(spec.id(), options, -0.05, 0.05);
    rng = Rngs.forReset(rng, seed);
    state = new double[4];
    for (int i = 0; i < 4; i++) {
      state[i] = Classic.uniform(rng, b[0], b[1]);
    }
    stepsBeyondTerminated = -1;
    guard.onReset();
    return new Reset<>(Classic.f32(state), Map.of());
  }

  @Override
  public Step<double[]> step(Integer action) {
    guard.beforeStep(ACTIONS, action);
    double x = state[0];
    double xDot = state[1];
    double theta = state[2];
    double thetaDot = state[3];
    double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
    double costheta = StrictMath.cos(theta);
    double sintheta = StrictMath.sin(theta);

    // Florian (2005), eqs. 23-24 with friction zero; the operation order is Gymnasium's, for bitwise parity.
    double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sintheta) / TOTAL_MASS;
    double thetaacc = (GRAVITY * sintheta - costheta * temp)
        / (LENGTH * (4.0 / 3.0 - MASSPOLE * (costheta * costheta) / TOTAL_MASS));
    double xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS;

    // Explicit Euler (Gymnasium's kinematics_integrator = "euler").
    x = x + TAU * xDot;
    xDot = xDot + TAU * xacc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaacc;
    state = new double[] {x, xDot, theta, thetaDot};

    boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD_RADIANS
        || theta > THETA_THRESHOLD_RADIANS;
    double reward;
    if (!terminated) {
      reward = suttonBartoReward ? 0.0 : 1.0;
    } else if (stepsBeyondTerminated < 0) {
      stepsBeyondTerminated = 0; // the pole just fell
      reward = suttonBartoReward ? -1.0 : 1.0;
    } else {
      stepsBeyondTerminated++; // Gymnasium warns here; stepping on is allowed
      reward = suttonBartoReward ? -1.0 : 0.0;
    }
    guard.afterStep(terminated, false);
    return new Step<>(Classic.f32(state), reward, terminated, false, Map.of());
  }

  /** The physical state {@code [x, x_dot, theta, theta_dot]} in float64 (a copy). */
  public double[] state() {
    if (state == null) {
      throw Classic.noState(spec.id(), "state()");
    }
    return state.clone();
  }

  /**
   * Sets the physical state, as Gymnasium users set {@code env.unwrapped.state} (the episode bookkeeping, e.g.
   * whether the pole already fell, is kept). Call after {@code reset}.
   *
   * @param s {@code [x, x_dot, theta, theta_dot]}, copied
   */
  public void setState(double[] s) {
    state = Classic.checkState(spec.id(), s, 4, "[x, x_dot, theta, theta_dot]");
  }

  /** True when made with {@code sutton_barto_reward}. */
  public boolean suttonBartoReward() {
    return suttonBartoReward;
  }

  @Override
  public CartPoleScene scene() {
    double[] s = state();
    return new CartPoleScene(s[0], s[2], X_THRESHOLD, THETA_THRESHOLD_RADIANS, 2 * X_THRESHOLD, 2 * LENGTH);
  }

  @Override
  public Space<double[]> observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTIONS;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }
}
