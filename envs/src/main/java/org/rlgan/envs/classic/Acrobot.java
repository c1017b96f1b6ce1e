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
 * The acrobot of Sutton (1996), "Generalization in reinforcement learning: successful examples using sparse
 * coarse coding", with the dynamics of Sutton and Barto's book, exactly as Gymnasium 1.4's {@code AcrobotEnv}
 * (after RLPy): one classical Runge-Kutta 4 step of {@code dt = 0.2} s per action.
 *
 * <ul>
 *   <li>Actions: {@code Discrete(3)}; torque -1, 0, +1 on the joint between the links.
 *   <li>State ({@link #state()}): {@code [theta1, theta2, dtheta1, dtheta2]} in float64; theta1 = 0 hangs down,
 *       theta2 is relative to link 1. After each step both angles are wrapped into [-pi, pi] and the velocities
 *       bounded to ±4pi and ±9pi.
 *   <li>Observation: {@code [cos th1, sin th1, cos th2, sin th2, dth1, dth2]} as float32 in
 *       {@code Box([-1 -1 -1 -1 -12.566371 -28.274334], [1 1 1 1 12.566371 28.274334], (6,), float32)}.
 *   <li>Reward -1 per step, 0 on a step that ends with the free end above the bar
 *       ({@code -cos th1 - cos(th2 + th1) > 1}), which terminates. Stepping after termination is allowed and
 *       continues the dynamics (reward 0 while the end stays above the bar, -1 otherwise).
 *   <li>Reset: each state variable uniform in [-0.1, 0.1) (or the reset options' {@code [low, high)}), rounded to
 *       float32 as Gymnasium's {@code astype(np.float32)} does.
 * </ul>
 */
public final class Acrobot implements Env<double[], Integer>, HasScene {

  /** Which equations of motion: the book's (the default and Gymnasium's) or the NIPS paper's. */
  public enum Dynamics { BOOK, NIPS }

  static final double DT = 0.2;
  static final double LINK_LENGTH_1 = 1.0;
  static final double LINK_LENGTH_2 = 1.0;
  static final double LINK_MASS_1 = 1.0;
  static final double LINK_MASS_2 = 1.0;
  static final double LINK_COM_POS_1 = 0.5;
  static final double LINK_COM_POS_2 = 0.5;
  static final double LINK_MOI = 1.0;
  static final double MAX_VEL_1 = 4 * Math.PI;
  static final double MAX_VEL_2 = 9 * Math.PI;
  static final double[] AVAIL_TORQUE = {-1.0, 0.0, +1};
  private static final double G = 9.8;

  private static final Discrete ACTIONS = new Discrete(3);
  private static final Box OBSERVATIONS = new Box(new double[] {-1, -1, -1, -1, -MAX_VEL_1, -MAX_VEL_2},
      new double[] {1, 1, 1, 1, MAX_VEL_1, MAX_VEL_2}, new int[] {6}, DType.FLOAT32);

  private final EnvSpec spec;
  private final EpisodeGuard guard;
  private Dynamics dynamics = Dynamics.BOOK;
  private RandomGenerator rng;
  private double[] state;

  /** {@code Acrobot-v1}, outside any registry (no time limit). */
  public Acrobot() {
    this(EnvSpec.of("Acrobot-v1", true));
  }

  public Acrobot(EnvSpec spec) {
    this.spec = spec;
    this.guard = new EpisodeGuard(spec.id(), EpisodeGuard.AfterEnd.ALLOW);
  }

  /** Reset options: {@code low}, {@code high} (numbers) bound the uniform initial state. */
  @Override
  public Reset<double[]> reset(OptionalLong seed, Map<String, Object> options) {
    double[] b = Classic.resetBounds(spec.id(), options, -0.1, 0.1);
    rng = Rngs.forReset(rng, seed);
    state = new double[4];
    for (int i = 0; i < 4; i++) {
      state[i] = Classic.f32(Classic.uniform(rng, b[0], b[1]));
    }
    guard.onReset();
    return new Reset<>(observation(), Map.of());
  }

  @Override
  public Step<double[]> step(Integer action) {
    guard.beforeStep(ACTIONS, action);
    double torque = AVAIL_TORQUE[action];
    double[] sAugmented = {state[0], state[1], state[2], state[3], torque};
    double[] ns = rk4(sAugmented, DT);
    ns[0] = wrap(ns[0], -Math.PI, Math.PI);
    ns[1] = wrap(ns[1], -Math.PI, Math.PI);
    ns[2] = bound(ns[2], -MAX_VEL_1, MAX_VEL_1);
    ns[3] = bound(ns[3], -MAX_VEL_2, MAX_VEL_2);
    state = ns;
    boolean terminated = terminal();
    double reward = terminated ? 0.0 : -1.0;
    guard.afterStep(terminated, false);
    return new Step<>(observation(), reward, terminated, false, Map.of());
  }

  private boolean terminal() {
    return -StrictMath.cos(state[0]) - StrictMath.cos(state[1] + state[0]) > 1.0;
  }

  private double[] observation() {
    double[] s = state;
    return Classic.f32(StrictMath.cos(s[0]), StrictMath.sin(s[0]), StrictMath.cos(s[1]), StrictMath.sin(s[1]), s[2],
        s[3]);
  }

  /**
   * Gymnasium's {@code rk4} over {@code t = [0, dt]}: one classical Runge-Kutta step, {@code y + dt/6 (k1 + 2 k2 +
   * 2 k3 + k4)}, on the state augmented with the torque (whose derivative is 0). Returns the first four values.
   */
  private double[] rk4(double[] y0, double dt) {
    double dt2 = dt / 2.0;
    double[] k1 = dsdt(y0);
    double[] k2 = dsdt(axpy(y0, dt2, k1));
    double[] k3 = dsdt(axpy(y0, dt2, k2));
    double[] k4 = dsdt(axpy(y0, dt, k3));
    double h = dt / 6.0;
    double[] out = new double[4];
    for (int i = 0; i < 4; i++) {
      out[i] = y0[i] + h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return out;
  }

  private static double[] axpy(double[] y, double a, double[] k) {
    double[] r = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      r[i] = y[i] + a * k[i];
    }
    return r;
  }

  /** Gymnasium's {@code _dsdt}: the time derivative of {@code [th1, th2, dth1, dth2, torque]}. */
  private double[] dsdt(double[] sAugmented) {
    double m1 = LINK_MASS_1;
    double m2 = LINK_MASS_2;
    double l1 = LINK_LENGTH_1;
    double lc1 = LINK_COM_POS_1;
    double lc2 = LINK_COM_POS_2;
    double i1 = LINK_MOI;
    double i2 = LINK_MOI;
    double a = sAugmented[4];
    double theta1 = sAugmented[0];
    double theta2 = sAugmented[1];
    double dtheta1 = sAugmented[2];
    double dtheta2 = sAugmented[3];
    double cos2 = StrictMath.cos(theta2);
    double sin2 = StrictMath.sin(theta2);
    double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
    double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
    double phi2 = m2 * lc2 * G * StrictMath.cos(theta1 + theta2 - Math.PI / 2.0);
    double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
        - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
        + (m1 * lc1 + m2 * l1) * G * StrictMath.cos(theta1 - Math.PI / 2)
        + phi2;
    double ddtheta2;
    if (dynamics == Dynamics.NIPS) {
      ddtheta2 = (a + d2 / d1 * phi1 - phi2) / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
    } else {
      ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
          / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
    }
    double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0};
  }

  /** Gymnasium's {@code wrap}: adds or subtracts {@code M - m} until {@code m <= x <= M}. */
  static double wrap(double x, double m, double bigM) {
    double diff = bigM - m;
    while (x > bigM) {
      x = x - diff;
    }
    while (x < m) {
      x = x + diff;
    }
    return x;
  }

  /** Gymnasium's {@code bound}: {@code min(max(x, m), M)} with Python's builtins. */
  static double bound(double x, double m, double bigM) {
    double lo = m > x ? m : x;
    return bigM < lo ? bigM : lo;
  }

  /** The state {@code [theta1, theta2, dtheta1, dtheta2]} (a copy). */
  public double[] state() {
    if (state == null) {
      throw Classic.noState(spec.id(), "state()");
    }
    return state.clone();
  }

  /** Sets the state (copied), as Gymnasium users set {@code env.unwrapped.state}. */
  public void setState(double[] s) {
    state = Classic.checkState(spec.id(), s, 4, "[theta1, theta2, dtheta1, dtheta2]");
  }

  /** The equations of motion in use (Gymnasium's {@code book_or_nips}). */
  public Dynamics dynamics() {
    return dynamics;
  }

  /** Chooses the equations of motion, as Gymnasium users set {@code env.unwrapped.book_or_nips}. */
  public void setDynamics(Dynamics d) {
    dynamics = java.util.Objects.requireNonNull(d, "dynamics");
  }

  @Override
  public AcrobotScene scene() {
    double[] s = state();
    return new AcrobotScene(s[0], s[1], LINK_LENGTH_1, LINK_LENGTH_2, 1.0);
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
