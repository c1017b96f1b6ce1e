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
 * Moore's mountain car (1990, "Efficient memory-based learning for robot control"), in the form of Sutton and
 * Barto's book, exactly as Gymnasium 1.4's {@code MountainCarEnv}.
 *
 * <ul>
 *   <li>Actions: {@code Discrete(3)}; 0 accelerates left, 1 not at all, 2 right.
 *   <li>Dynamics: {@code velocity += (a-1)*0.001 + cos(3*position)*(-0.0025)} (right side summed first), clipped
 *       to ±0.07; {@code position += velocity}, clipped to [-1.2, 0.6]; at the left wall a negative velocity
 *       becomes 0. All in float64.
 *   <li>Observation: {@code [position, velocity]} as float32 in {@code Box([-1.2 -0.07], [0.6 0.07], (2,),
 *       float32)}.
 *   <li>Reward -1 on every step. Terminated when {@code position >= 0.5 and velocity >= goal_velocity}
 *       (default 0). Stepping after termination is allowed and simply continues the dynamics (reward -1).
 *   <li>Reset: position uniform in [-0.6, -0.4) (or the reset options' {@code [low, high)}), velocity 0.
 * </ul>
 */
public final class MountainCar implements Env<double[], Integer>, HasScene {

  static final double MIN_POSITION = -1.2;
  static final double MAX_POSITION = 0.6;
  static final double MAX_SPEED = 0.07;
  static final double GOAL_POSITION = 0.5;
  static final double FORCE = 0.001;
  static final double GRAVITY = 0.0025;

  private static final Discrete ACTIONS = new Discrete(3);
  private static final Box OBSERVATIONS = new Box(new double[] {MIN_POSITION, -MAX_SPEED},
      new double[] {MAX_POSITION, MAX_SPEED}, new int[] {2}, DType.FLOAT32);

  private final EnvSpec spec;
  private final double goalVelocity;
  private final EpisodeGuard guard;
  private RandomGenerator rng;
  private double[] state;

  /** {@code MountainCar-v0} with {@code goal_velocity = 0}, outside any registry (no time limit). */
  public MountainCar() {
    this(EnvSpec.of("MountainCar-v0", true), 0.0);
  }

  /**
   * @param spec how it was made
   * @param goalVelocity Gymnasium's {@code goal_velocity}: the least velocity that counts at the goal
   */
  public MountainCar(EnvSpec spec, double goalVelocity) {
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
    guard.onReset();
    return new Reset<>(Classic.f32(state), Map.of());
  }

  @Override
  public Step<double[]> step(Integer action) {
    guard.beforeStep(ACTIONS, action);
    double position = state[0];
    double velocity = state[1];
    velocity += (action - 1) * FORCE + StrictMath.cos(3 * position) * (-GRAVITY);
    velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
    position += velocity;
    position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
    if (position == MIN_POSITION && velocity < 0) {
      velocity = 0; // inelastic collision with the left wall
    }
    boolean terminated = position >= GOAL_POSITION && velocity >= goalVelocity;
    state = new double[] {position, velocity};
    guard.afterStep(terminated, false);
    return new Step<>(Classic.f32(state), -1.0, terminated, false, Map.of());
  }

  /** The state {@code [position, velocity]} in float64 (a copy). */
  public double[] state() {
    if (state == null) {
      throw Classic.noState(spec.id(), "state()");
    }
    return state.clone();
  }

  /** Sets the state {@code [position, velocity]} (copied), as Gymnasium users set {@code env.unwrapped.state}. */
  public void setState(double[] s) {
    state = Classic.checkState(spec.id(), s, 2, "[position, velocity]");
  }

  public double goalVelocity() {
    return goalVelocity;
  }

  @Override
  public MountainCarScene scene() {
    double[] s = state();
    return new MountainCarScene(s[0], s[1], MIN_POSITION, MAX_POSITION, GOAL_POSITION, false);
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
