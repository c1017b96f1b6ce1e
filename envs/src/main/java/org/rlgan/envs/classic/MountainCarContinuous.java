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
import org.rlgan.mdp.spaces.Space;

/**
 * The mountain car with a continuous force, exactly as Gymnasium 1.4's {@code Continuous_MountainCarEnv}
 * (Moore 1990; the goal at 0.45 from de Broissia's version) including its float32 arithmetic under NumPy 2.
 *
 * <ul>
 *   <li>Action: {@code Box(-1.0, 1.0, (1,), float32)}; the force is {@code min(max(a, -1), 1)} (an identity for
 *       members of the space, which are the only actions accepted).
 *   <li>Dynamics: {@code velocity += force*0.0015 - 0.0025*cos(3*position)}, clipped to ±0.07;
 *       {@code position += velocity}, clipped to [-1.2, 0.6]; at the left wall a negative velocity becomes 0.
 *   <li>Precision, as NumPy 2 computes it: Gymnasium stores the state as a float32 array after each step, so
 *       from then on the update runs in float32 ({@code force*0.0015}, {@code 3*position}, the velocity and
 *       position sums; the cosine itself in float64), and comparisons with the bounds happen in float32. The state
 *       right after {@code reset} (and after {@link #setState}) is float64, so the first step mixes: the
 *       {@code force*0.0015 - 0.0025*cos(...)} term is float32, the sums float64.
 *   <li>Observation: the float32 state {@code [position, velocity]} in
 *       {@code Box([-1.2 -0.07], [0.6 0.07], (2,), float32)}.
 *   <li>Reward: {@code -0.1 * a^2}, plus 100 on the step that reaches the goal. Terminated when
 *       {@code position >= 0.45 and velocity >= goal_velocity}. Stepping after termination is allowed and
 *       continues the dynamics (each terminal step earns the +100 again, as in Gymnasium).
 *   <li>Reset: position uniform in [-0.6, -0.4) (or the reset options' {@code [low, high)}), velocity 0.
 * </ul>
 */
public final class MountainCarContinuous implements Env<double[], double[]>, HasScene {

  static final double MIN_ACTION = -1.0;
  static final double MAX_ACTION = 1.0;
  static final double MIN_POSITION = -1.2;
  static final double MAX_POSITION = 0.6;
  static final double MAX_SPEED = 0.07;
  static final double GOAL_POSITION = 0.45;
  static final double POWER = 0.0015;

  private static final Box ACTIONS = Box.of(MIN_ACTION, MAX_ACTION, DType.FLOAT32, 1);
  private static final Box ANY = Box.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, DType.FLOAT64, 1);
  private static final Box OBSERVATIONS = new Box(new double[] {MIN_POSITION, -MAX_SPEED},
      new double[] {MAX_POSITION, MAX_SPEED}, new int[] {2}, DType.FLOAT32);

  private final EnvSpec spec;
  private final double goalVelocity;
  private final EpisodeGuard guard;
  private RandomGenerator rng;
  private double[] state;
  /** True once the state is Gymnasium's float32 array (after a step); false for a float64 one. */
  private boolean stateIsFloat32;

  /** {@code MountainCarContinuous-v0} with {@code goal_velocity = 0}, outside any registry (no time limit). */
  public MountainCarContinuous() {
    this(EnvSpec.of("MountainCarContinuous-v0", true), 0.0);
  }

  /**
   * @param spec how it was made
   * @param goalVelocity Gymnasium's {@code goal_velocity}: the least velocity that counts at the goal
   */
  public MountainCarContinuous(EnvSpec spec, double goalVelocity) {
    if (Double.isNaN(goalVelocity)) {
      throw new IllegalArgumentException(spec.id() + ": goal_velocity is NaN; give a number such as 0");
    }
    this.spec = spec;
    this.goalVelocity = goalVelocity;
    this.guard = new EpisodeGuard(spec.id(), EpisodeGuard.AfterEnd.ALLOW);
  }

  /** Reset options: {@code low}, {@code high} (numbers) bound the uniform initial position. */
  @Override
  public Reset<double[]> reset(OptionalLong seed, Map<String, Object> options) {
    double[] b = Classic.resetBounds(spec.id(), options, -0.6, -0.4);
    rng = Rngs.forReset(rng, seed);
    state = new double[] {Classic.uniform(rng, b[0], b[1]), 0.0};
    stateIsFloat32 = false; // np.array([uniform, 0]) is float64
    guard.onReset();
    return new Reset<>(Classic.f32(state), Map.of());
  }

  /**
   * One step; every line is Gymnasium's, each value carrying its NumPy type (see {@link Np}).
   *
   * @param action {@code [force]}, a float32 value in [-1, 1]
   */
  @Override
  public Step<double[]> step(double[] action) {
    if (action == null || action.length != 1 || !Double.isFinite(action[0])) {
      guard.beforeStep(ACTIONS, action); // throws, naming the action and the space (or asking for a reset)
    }
    // Like Gymnasium, any finite value is accepted and clipped below; it is taken as float32, the space's dtype.
    guard.beforeStep(ANY, action);
    action = new double[] {(float) action[0]};
    Np position = stateIsFloat32 ? Np.f32(state[0]) : Np.f64(state[0]);
    Np velocity = stateIsFloat32 ? Np.f32(state[1]) : Np.f64(state[1]);
    Np a = Np.f32(action[0]);
    // force = min(max(action[0], min_action), max_action), Python's builtins
    Np force = Np.py(MIN_ACTION).gt(a) ? Np.py(MIN_ACTION) : a;
    force = Np.py(MAX_ACTION).lt(force) ? Np.py(MAX_ACTION) : force;

    double gravity = 0.0025 * StrictMath.cos(Np.py(3).times(position).v()); // math.cos: a Python float
    velocity = velocity.plus(force.times(Np.py(POWER)).minus(Np.py(gravity)));
    if (velocity.gt(Np.py(MAX_SPEED))) {
      velocity = Np.py(MAX_SPEED);
    }
    if (velocity.lt(Np.py(-MAX_SPEED))) {
      velocity = Np.py(-MAX_SPEED);
    }
    position = position.plus(velocity);
    if (position.gt(Np.py(MAX_POSITION))) {
      position = Np.py(MAX_POSITION);
    }
    if (position.lt(Np.py(MIN_POSITION))) {
      position = Np.py(MIN_POSITION);
    }
    if (position.eq(Np.py(MIN_POSITION)) && velocity.lt(Np.py(0))) {
      velocity = Np.py(0);
    }
    boolean terminated = position.ge(Np.py(GOAL_POSITION)) && velocity.ge(Np.py(goalVelocity));

    // reward = 0; if terminated: reward = 100.0; reward -= math.pow(action[0], 2) * 0.1   (float64)
    double reward = (terminated ? 100.0 : 0.0) - (action[0] * action[0]) * 0.1;

    state = Classic.f32(position.v(), velocity.v()); // np.array([position, velocity], dtype=np.float32)
    stateIsFloat32 = true;
    guard.afterStep(terminated, false);
    return new Step<>(state.clone(), reward, terminated, false, Map.of());
  }

  /** The state {@code [position, velocity]} (a copy): float32 values after a step, float64 after a reset. */
  public double[] state() {
    if (state == null) {
      throw Classic.noState(spec.id(), "state()");
    }
    return state.clone();
  }

  /**
   * Sets the state {@code [position, velocity]} (copied) as a float64 array, as Gymnasium users do with
   * {@code env.unwrapped.state = np.array([p, v])}; the next step then runs with float64 sums as after a reset.
   */
  public void setState(double[] s) {
    state = Classic.checkState(spec.id(), s, 2, "[position, velocity]");
    stateIsFloat32 = false;
  }

  /** True when the state is held as float32 (after a step), false as float64 (after reset or setState). */
  public boolean stateIsFloat32() {
    return stateIsFloat32;
  }

  public double goalVelocity() {
    return goalVelocity;
  }

  @Override
  public MountainCarScene scene() {
    double[] s = state();
    return new MountainCarScene(s[0], s[1], MIN_POSITION, MAX_POSITION, GOAL_POSITION, true);
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

  /**
   * A NumPy 2 scalar with NEP 50 promotion: a value and its type, {@code F32} ({@code np.float32}), {@code F64}
   * ({@code np.float64}) or {@code PY} (a Python float or int, "weak": it takes the other operand's type). An
   * operation involving F64 runs in float64; F32 with F32 or PY runs in float32 (the Python number first cast
   * to float32), comparisons included; PY with PY stays a Python float.
   */
  record Np(double v, Kind kind) {

    enum Kind { F32, F64, PY }

    static Np f32(double v) {
      return new Np((float) v, Kind.F32);
    }

    static Np f64(double v) {
      return new Np(v, Kind.F64);
    }

    static Np py(double v) {
      return new Np(v, Kind.PY);
    }

    private Kind with(Np o) {
      if (kind == Kind.F64 || o.kind == Kind.F64) {
        return Kind.F64;
      }
      return kind == Kind.F32 || o.kind == Kind.F32 ? Kind.F32 : Kind.PY;
    }

    private static double in(Kind k, double x) {
      return k == Kind.F32 ? (float) x : x;
    }

    // A float32 sum, difference or product computed in double and rounded once is the correctly rounded float32
    // result (53 >= 2 * 24 + 2 bits), so these match NumPy's float32 loops.
    Np plus(Np o) {
      Kind k = with(o);
      return new Np(in(k, in(k, v) + in(k, o.v)), k);
    }

    Np minus(Np o) {
      Kind k = with(o);
      return new Np(in(k, in(k, v) - in(k, o.v)), k);
    }

    Np times(Np o) {
      Kind k = with(o);
      return new Np(in(k, in(k, v) * in(k, o.v)), k);
    }

    boolean gt(Np o) {
      Kind k = with(o);
      return in(k, v) > in(k, o.v);
    }

    boolean lt(Np o) {
      Kind k = with(o);
      return in(k, v) < in(k, o.v);
    }

    boolean ge(Np o) {
      Kind k = with(o);
      return in(k, v) >= in(k, o.v);
    }

    boolean eq(Np o) {
      Kind k = with(o);
      return in(k, v) == in(k, o.v);
    }
  }
}
