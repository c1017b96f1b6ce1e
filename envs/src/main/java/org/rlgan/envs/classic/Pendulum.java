package org.rlgan.envs.classic;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
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
import org.rlgan.mdp.spaces.Space;

/**
 * The inverted-pendulum swing-up, exactly as Gymnasium 1.4's {@code PendulumEnv} including its mixed float32
 * terms under NumPy 2.
 *
 * <ul>
 *   <li>Action: {@code Box(-2.0, 2.0, (1,), float32)}, the torque u (clipped to ±2, an identity for the members
 *       of the space, which are the only actions accepted).
 *   <li>Dynamics ({@code dt = 0.05}, m = l = 1): {@code thdot' = clip(thdot + (3g/2 sin(th) + 3u) dt, -8, 8)},
 *       {@code th' = th + thdot' dt}. The state is float64; {@code 3u} is a float32 product (u is a
 *       {@code np.float32}).
 *   <li>Reward: {@code -(normalize(th)^2 + 0.1 thdot^2 + 0.001 u^2)} from the state before the step, with
 *       {@code normalize(x) = ((x + pi) mod 2pi) - pi} (floor modulo, as NumPy's {@code %}) and
 *       {@code 0.001 u^2} computed in float32.
 *   <li>Observation: {@code [cos th, sin th, thdot]} as float32 in {@code Box([-1 -1 -8], [1 1 8], (3,), float32)}.
 *   <li>Never terminates (the registry's limit truncates at 200 steps); stepping after truncation continues.
 *   <li>Reset: th uniform in [-pi, pi), thdot in [-1, 1); reset options {@code x_init}, {@code y_init} replace
 *       pi and 1 (symmetric bounds).
 * </ul>
 */
public final class Pendulum implements Env<double[], double[]>, HasScene {

  static final double MAX_SPEED = 8;
  static final double MAX_TORQUE = 2.0;
  static final double DT = 0.05;
  static final double M = 1.0;
  static final double L = 1.0;
  static final double DEFAULT_X = Math.PI;
  static final double DEFAULT_Y = 1.0;

  private static final Box ACTIONS = Box.of(-MAX_TORQUE, MAX_TORQUE, DType.FLOAT32, 1);
  private static final Box ANY = Box.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, DType.FLOAT64, 1);
  private static final Box OBSERVATIONS = new Box(new double[] {-1.0, -1.0, -MAX_SPEED},
      new double[] {1.0, 1.0, MAX_SPEED}, new int[] {3}, DType.FLOAT32);

  private final EnvSpec spec;
  private final double g;
  private final EpisodeGuard guard;
  private RandomGenerator rng;
  private double[] state;
  private double lastU = Double.NaN;

  /** {@code Pendulum-v1} with {@code g = 10}, outside any registry (no time limit). */
  public Pendulum() {
    this(EnvSpec.of("Pendulum-v1", true), 10.0);
  }

  /**
   * @param spec how it was made
   * @param g gravity, m/s² (Gymnasium's {@code g}, default 10.0)
   */
  public Pendulum(EnvSpec spec, double g) {
    if (!Double.isFinite(g)) {
      throw new IllegalArgumentException(spec.id() + ": g is " + g + "; give a finite gravity such as 10.0");
    }
    this.spec = spec;
    this.g = g;
    this.guard = new EpisodeGuard(spec.id(), EpisodeGuard.AfterEnd.ALLOW);
  }

  /** Reset options: {@code x_init} (default pi) and {@code y_init} (default 1) bound th and thdot symmetrically. */
  @Override
  public Reset<double[]> reset(OptionalLong seed, Map<String, Object> options) {
    Classic.checkKeys(spec.id(), options, Set.of("x_init", "y_init"));
    double x = Classic.number(spec.id(), options, "x_init", DEFAULT_X);
    double y = Classic.number(spec.id(), options, "y_init", DEFAULT_Y);
    rng = Rngs.forReset(rng, seed);
    state = new double[] {Classic.uniform(rng, -x, x), Classic.uniform(rng, -y, y)};
    lastU = Double.NaN;
    guard.onReset();
    return new Reset<>(observation(), Map.of());
  }

  /** @param action {@code [torque]}, a float32 value in [-2, 2] */
  @Override
  public Step<double[]> step(double[] action) {
    if (action == null || action.length != 1 || !Double.isFinite(action[0])) {
      guard.beforeStep(ACTIONS, action); // throws, naming the action and the space (or asking for a reset)
    }
    // Like Gymnasium, any finite value is accepted and clipped below; it is taken as float32, the space's dtype.
    guard.beforeStep(ANY, action);
    action = new double[] {(float) action[0]};
    double th = state[0];
    double thdot = state[1];
    // u = np.clip(u, -max_torque, max_torque)[0]: a np.float32
    float u = (float) Math.min(Math.max(action[0], -MAX_TORQUE), MAX_TORQUE);
    lastU = u;
    // costs = angle_normalize(th)**2 + 0.1 * thdot**2 + 0.001 * (u**2); the last term is float32 (NEP 50)
    double an = angleNormalize(th);
    float uSquared = u * u;
    double costs = an * an + 0.1 * (thdot * thdot) + (double) (0.001f * uSquared);
    // newthdot = thdot + (3 * g / (2 * l) * np.sin(th) + 3.0 / (m * l**2) * u) * dt; 3.0/(m*l**2)*u is float32
    float torqueTerm = (float) (3.0 / (M * (L * L))) * u;
    double newthdot = thdot + (3 * g / (2 * L) * StrictMath.sin(th) + torqueTerm) * DT;
    newthdot = Math.min(Math.max(newthdot, -MAX_SPEED), MAX_SPEED);
    double newth = th + newthdot * DT;
    state = new double[] {newth, newthdot};
    guard.afterStep(false, false);
    return new Step<>(observation(), -costs, false, false, Map.of());
  }

  /**
   * Gymnasium's {@code angle_normalize}: {@code ((x + pi) % (2 pi)) - pi} with NumPy's floor modulo (the result
   * takes the divisor's sign), so angles map into [-pi, pi).
   */
  static double angleNormalize(double x) {
    return floorMod(x + Math.PI, 2 * Math.PI) - Math.PI;
  }

  /** NumPy's {@code np.remainder} for doubles: C's fmod, moved into the divisor's sign. */
  static double floorMod(double a, double b) {
    double mod = a % b; // Java's % on doubles is C's fmod (exact)
    if (mod != 0) {
      if ((b < 0) != (mod < 0)) {
        mod += b;
      }
    } else {
      mod = Math.copySign(0.0, b);
    }
    return mod;
  }

  private double[] observation() {
    return Classic.f32(StrictMath.cos(state[0]), StrictMath.sin(state[0]), state[1]);
  }

  /** The state {@code [theta, theta_dot]} in float64 (a copy); theta is not wrapped. */
  public double[] state() {
    if (state == null) {
      throw Classic.noState(spec.id(), "state()");
    }
    return state.clone();
  }

  /** Sets the state {@code [theta, theta_dot]} (copied), as Gymnasium users set {@code env.unwrapped.state}. */
  public void setState(double[] s) {
    state = Classic.checkState(spec.id(), s, 2, "[theta, theta_dot]");
  }

  /** Gravity, m/s². */
  public double g() {
    return g;
  }

  @Override
  public PendulumScene scene() {
    double[] s = state();
    return new PendulumScene(s[0], Double.isNaN(lastU) ? OptionalDouble.empty() : OptionalDouble.of(lastU),
        MAX_TORQUE, L);
  }

  @Override
  public Space<double[]> observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Space<double[]> actionSpace() {
    return ACTIONS;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }
}
