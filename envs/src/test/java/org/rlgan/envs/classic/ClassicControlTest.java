package org.rlgan.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.HasScene;
import org.rlgan.envs.InvalidOptionException;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.InvalidActionException;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.ResetNeededException;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.DType;
import org.rlgan.mdp.spaces.Discrete;

/** Registration, options, determinism, reset distributions, misuse and scenes of the classic-control family. */
class ClassicControlTest {

  static final List<String> IDS = List.of("CartPole-v0", "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0",
      "Acrobot-v1", "Pendulum-v1");

  @SuppressWarnings("unchecked")
  static Env<double[], Object> make(String id, Map<String, Object> options) {
    return (Env<double[], Object>) Registry.builtin().make(id, options);
  }

  static Env<double[], Object> make(String id) {
    return make(id, Map.of());
  }

  @Test
  void registeredWithGymnasiumsLimitsAndThresholds() {
    Object[][] expected = {{"CartPole-v0", 200, 195.0}, {"CartPole-v1", 500, 475.0}, {"MountainCar-v0", 200, -110.0},
        {"MountainCarContinuous-v0", 999, 90.0}, {"Acrobot-v1", 500, -100.0}, {"Pendulum-v1", 200, null}};
    for (Object[] e : expected) {
      EnvSpec spec = Registry.builtin().spec((String) e[0]);
      assertEquals(e[1], spec.maxEpisodeSteps().getAsInt(), e[0] + " limit");
      assertEquals(e[2] == null, spec.rewardThreshold().isEmpty(), e[0] + " threshold present");
      if (e[2] != null) {
        assertEquals((double) e[2], spec.rewardThreshold().getAsDouble(), 0.0, e[0] + " threshold");
      }
      assertTrue(spec.deterministic(), e[0] + " deterministic");
      assertEquals(e[0], make((String) e[0]).spec().id());
    }
  }

  @Test
  void spacesAreGymnasiums() {
    float theta2 = (float) (2 * 12 * 2 * Math.PI / 360);
    assertEquals(new Box(new double[] {-4.8, Double.NEGATIVE_INFINITY, -theta2, Double.NEGATIVE_INFINITY},
        new double[] {4.8, Double.POSITIVE_INFINITY, theta2, Double.POSITIVE_INFINITY}, new int[] {4}, DType.FLOAT32),
        make("CartPole-v1").observationSpace());
    assertEquals(new Discrete(2), make("CartPole-v1").actionSpace());
    Box mc = new Box(new double[] {-1.2, -0.07}, new double[] {0.6, 0.07}, new int[] {2}, DType.FLOAT32);
    assertEquals(mc, make("MountainCar-v0").observationSpace());
    assertEquals(new Discrete(3), make("MountainCar-v0").actionSpace());
    assertEquals(mc, make("MountainCarContinuous-v0").observationSpace());
    assertEquals("Box(-1.0, 1.0, (1,), float32)", make("MountainCarContinuous-v0").actionSpace().toString());
    assertEquals(new Box(new double[] {-1, -1, -1, -1, -4 * Math.PI, -9 * Math.PI},
        new double[] {1, 1, 1, 1, 4 * Math.PI, 9 * Math.PI}, new int[] {6}, DType.FLOAT32),
        make("Acrobot-v1").observationSpace());
    assertEquals(new Discrete(3), make("Acrobot-v1").actionSpace());
    assertEquals("Box([-1.0 -1.0 -8.0], [1.0 1.0 8.0], (3,), float32)", make("Pendulum-v1").observationSpace().toString());
    assertEquals("Box(-2.0, 2.0, (1,), float32)", make("Pendulum-v1").actionSpace().toString());
  }

  /** Same seed, same actions: bit-identical rollouts across several episodes (reset() continues the generator). */
  @Test
  void sameSeedSameRolloutsThroughResets() {
    for (String id : IDS) {
      List<String> a = rollout(id, 42, 700);
      List<String> b = rollout(id, 42, 700);
      assertEquals(a, b, id);
      assertNotEquals(a.get(0), rollout(id, 43, 1).get(0), id + ": different seeds, different first observation");
    }
  }

  private static List<String> rollout(String id, long seed, int steps) {
    Env<double[], Object> env = make(id);
    RandomGenerator actions = Rngs.seeded(seed + 1000);
    List<String> log = new ArrayList<>();
    Reset<double[]> r = env.reset(seed);
    log.add(Arrays.toString(r.observation()));
    boolean ended = false;
    for (int t = 0; t < steps; t++) {
      if (ended) {
        log.add("reset " + Arrays.toString(env.reset().observation()));
      }
      Object action = env.actionSpace().sample(actions);
      Step<double[]> s = env.step(action);
      if (!s.terminated()) {
        assertTrue(env.observationSpace().contains(s.observation()), id + ": observation "
            + Arrays.toString(s.observation()) + " in " + env.observationSpace());
      }
      assertEquals(Map.of(), s.info());
      log.add(Arrays.toString(s.observation()) + " " + s.reward() + " " + s.terminated() + " " + s.truncated());
      ended = s.done();
    }
    return log;
  }

  @Test
  void resetWithoutSeedContinuesTheGenerator() {
    for (String id : IDS) {
      Env<double[], Object> env = make(id);
      double[] first = env.reset(7).observation();
      double[] next = env.reset().observation();
      assertFalse(Arrays.equals(first, next), id + ": reset() draws a new state");
      assertArrayEquals(first, env.reset(7).observation(), id + ": reset(7) again");
      assertArrayEquals(next, env.reset().observation(), id + ": and the same continuation");
      // Never seeded: seeded from entropy, so two fresh instances start differently.
      assertFalse(Arrays.equals(make(id).reset().observation(), make(id).reset().observation()), id);
    }
  }

  /** Reset states lie in Gymnasium's ranges and fill them. */
  @Test
  void resetDistributions() {
    int n = 2000;
    checkReset("CartPole-v1", Map.of(), n, new double[] {-0.05, -0.05, -0.05, -0.05},
        new double[] {0.05, 0.05, 0.05, 0.05});
    checkReset("CartPole-v1", Map.of("low", 0, "high", 1.0), n, new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1});
    checkReset("MountainCar-v0", Map.of(), n, new double[] {-0.6, 0}, new double[] {-0.4, 0});
    checkReset("MountainCar-v0", Map.of("low", -1.0), n, new double[] {-1.0, 0}, new double[] {-0.4, 0});
    checkReset("MountainCarContinuous-v0", Map.of(), n, new double[] {-0.6, 0}, new double[] {-0.4, 0});
    checkReset("Acrobot-v1", Map.of(), n, new double[] {-0.1, -0.1, -0.1, -0.1}, new double[] {0.1, 0.1, 0.1, 0.1});
    checkReset("Pendulum-v1", Map.of(), n, new double[] {-Math.PI, -1}, new double[] {Math.PI, 1});
    checkReset("Pendulum-v1", Map.of("x_init", 0.5, "y_init", 0.25), n, new double[] {-0.5, -0.25},
        new double[] {0.5, 0.25});
  }

  private static void checkReset(String id, Map<String, Object> options, int n, double[] low, double[] high) {
    Env<double[], Object> env = make(id);
    double[] min = new double[low.length];
    double[] max = new double[low.length];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      double[] obs = env.reset(i == 0 ? OptionalLong.of(11) : OptionalLong.empty(), options).observation();
      double[] s = state(env);
      assertArrayEquals(Classic.f32(observationOf(env, s)), obs, id + ": observation of the reset state");
      for (int k = 0; k < s.length; k++) {
        assertTrue(s[k] >= (float) low[k] - 1e-7 && s[k] <= (float) high[k] + 1e-7,
            id + " " + options + ": state[" + k + "] = " + s[k] + " outside [" + low[k] + ", " + high[k] + ")");
        min[k] = Math.min(min[k], s[k]);
        max[k] = Math.max(max[k], s[k]);
      }
    }
    for (int k = 0; k < low.length; k++) {
      double width = high[k] - low[k];
      assertTrue(min[k] <= low[k] + 0.01 * width && max[k] >= high[k] - 0.01 * width,
          id + " " + options + ": state[" + k + "] spans only [" + min[k] + ", " + max[k] + "]");
    }
  }

  private static double[] observationOf(Env<?, ?> env, double[] s) {
    Object u = env.unwrapped();
    if (u instanceof Acrobot) {
      return new double[] {StrictMath.cos(s[0]), StrictMath.sin(s[0]), StrictMath.cos(s[1]), StrictMath.sin(s[1]), s[2],
          s[3]};
    }
    if (u instanceof Pendulum) {
      return new double[] {StrictMath.cos(s[0]), StrictMath.sin(s[0]), s[1]};
    }
    return s;
  }

  static double[] state(Env<?, ?> env) {
    Object u = env.unwrapped();
    if (u instanceof CartPole c) {
      return c.state();
    } else if (u instanceof MountainCar m) {
      return m.state();
    } else if (u instanceof MountainCarContinuous m) {
      return m.state();
    } else if (u instanceof Acrobot a) {
      return a.state();
    }
    return ((Pendulum) u).state();
  }

  @Test
  void acrobotResetStateIsFloat32() {
    Env<double[], Object> env = make("Acrobot-v1");
    env.reset(3);
    for (double v : state(env)) {
      assertEquals((float) v, v, 0.0);
    }
  }

  @Test
  void badResetOptions() {
    Env<double[], Object> cartPole = make("CartPole-v1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cartPole.reset(OptionalLong.of(1), Map.of("low", 0.2, "high", 0.1)));
    assertTrue(e.getMessage().contains("low (0.2)") && e.getMessage().contains("high (0.1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> cartPole.reset(OptionalLong.of(1), Map.of("hihg", 0.1)));
    assertTrue(e.getMessage().contains("hihg") && e.getMessage().contains("[high, low]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> cartPole.reset(OptionalLong.of(1), Map.of("low", "a")));
    assertTrue(e.getMessage().contains("'low'") && e.getMessage().contains("number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> make("Pendulum-v1").reset(OptionalLong.of(1), Map.of("low", 0.1)));
    assertTrue(e.getMessage().contains("[x_init, y_init]"), e.getMessage());
  }

  @Test
  void makeOptions() {
    // sutton_barto_reward: 0 per step, -1 on termination and after it.
    Env<double[], Object> env = make("CartPole-v1", Map.of("sutton_barto_reward", true));
    env.reset(1);
    ((CartPole) env.unwrapped()).setState(new double[] {0.0, 0.0, 0.2, 0.5});
    assertEquals(-1.0, env.step(1).reward());
    assertEquals(-1.0, env.step(1).reward());
    env.reset(1);
    assertEquals(0.0, env.step(1).reward());

    // goal_velocity: at the right edge with velocity 0.07, a goal velocity of 0.1 is not reached.
    Env<double[], Object> mc = make("MountainCar-v0", Map.of("goal_velocity", 0.1));
    mc.reset(1);
    ((MountainCar) mc.unwrapped()).setState(new double[] {0.55, 0.07});
    assertFalse(mc.step(2).terminated());
    Env<double[], Object> mcc = make("MountainCarContinuous-v0", Map.of("goal_velocity", 0.1));
    mcc.reset(1);
    ((MountainCarContinuous) mcc.unwrapped()).setState(new double[] {0.44, 0.02});
    assertFalse(mcc.step(new double[] {1.0}).terminated());

    // max_episode_steps overrides the limit; CartPole-v0 truncates at 200.
    Env<double[], Object> short5 = make("Pendulum-v1", Map.of("max_episode_steps", 5));
    short5.reset(1);
    for (int t = 1; t <= 5; t++) {
      assertEquals(t == 5, short5.step(new double[] {0.0}).truncated(), "step " + t);
    }
    Env<double[], Object> v0 = make("CartPole-v0");
    v0.reset(1);
    CartPole unwrapped = (CartPole) v0.unwrapped();
    for (int t = 1; t <= 200; t++) {
      unwrapped.setState(new double[] {0, 0, 0, 0});
      assertEquals(t == 200, v0.step(t % 2).truncated(), "step " + t);
    }

    InvalidOptionException bad = assertThrows(InvalidOptionException.class,
        () -> make("CartPole-v1", Map.of("sutton_barto_rewrd", true)));
    assertTrue(bad.getMessage().contains("did you mean 'sutton_barto_reward'"), bad.getMessage());
    bad = assertThrows(InvalidOptionException.class, () -> make("Pendulum-v1", Map.of("g", "ten")));
    assertTrue(bad.getMessage().contains("'g'"), bad.getMessage());
    assertThrows(InvalidOptionException.class, () -> make("Acrobot-v1", Map.of("book_or_nips", "nips")));
    assertThrows(IllegalArgumentException.class, () -> make("Pendulum-v1", Map.of("g", Double.NaN)));
  }

  @Test
  void misuseIsATypedExceptionThatSaysWhatToDo() {
    for (String id : IDS) {
      Env<double[], Object> env = make(id);
      Object action = env.actionSpace().sample(Rngs.seeded(1));
      ResetNeededException before = assertThrows(ResetNeededException.class, () -> env.step(action));
      assertTrue(before.getMessage().contains("reset"), before.getMessage());
      assertThrows(ResetNeededException.class, () -> state(env));
      assertThrows(ResetNeededException.class, () -> ((HasScene) env.unwrapped()).scene());
    }
    Env<double[], Object> cartPole = make("CartPole-v1");
    cartPole.reset(1);
    InvalidActionException e = assertThrows(InvalidActionException.class, () -> cartPole.step(2));
    assertTrue(e.getMessage().contains("action 2") && e.getMessage().contains("Discrete(2)"), e.getMessage());
    Env<double[], Object> pendulum = make("Pendulum-v1");
    pendulum.reset(1);
    // Out-of-range torques are clipped, as Gymnasium clips them: 3.0 acts as 2.0.
    Env<double[], Object> twin = make("Pendulum-v1");
    twin.reset(1);
    assertArrayEquals(twin.step(new double[] {2.0}).observation(), pendulum.step(new double[] {3.0}).observation());
    e = assertThrows(InvalidActionException.class, () -> pendulum.step(new double[] {Double.NaN}));
    assertTrue(e.getMessage().contains("[NaN]") && e.getMessage().contains("Box(-2.0, 2.0, (1,), float32)"),
        e.getMessage());
    assertThrows(InvalidActionException.class, () -> pendulum.step(new double[] {0.5, 0.5}));
    assertThrows(InvalidActionException.class, () -> pendulum.step(null));
    Env<double[], Object> mcc = make("MountainCarContinuous-v0");
    mcc.reset(1);
    // A float64 action is taken as its float32 value (the space's dtype).
    Env<double[], Object> mccTwin = make("MountainCarContinuous-v0");
    mccTwin.reset(1);
    assertArrayEquals(mccTwin.step(new double[] {(float) 0.1}).observation(), mcc.step(new double[] {0.1}).observation());
    e = assertThrows(InvalidActionException.class, () -> mcc.step(new double[] {0.1, 0.2}));
    assertTrue(e.getMessage().contains("Box(-1.0, 1.0, (1,), float32)"), e.getMessage());

    IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
        () -> ((CartPole) cartPole.unwrapped()).setState(new double[3]));
    assertTrue(s.getMessage().contains("4 values") && s.getMessage().contains("got 3"), s.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ((Pendulum) pendulum.unwrapped()).setState(null));
  }

  @Test
  void stateIsACopyAndSetStateCopies() {
    Env<double[], Object> env = make("CartPole-v1");
    env.reset(1);
    CartPole c = (CartPole) env.unwrapped();
    double[] s = {0.1, 0.2, 0.03, 0.04};
    c.setState(s);
    s[0] = 9;
    c.state()[1] = 9;
    assertArrayEquals(new double[] {0.1, 0.2, 0.03, 0.04}, c.state());
  }

  @Test
  void scenes() {
    Env<double[], Object> cp = make("CartPole-v1");
    cp.reset(1);
    ((CartPole) cp.unwrapped()).setState(new double[] {1.5, 0, -0.1, 0});
    CartPoleScene c = (CartPoleScene) ((HasScene) cp.unwrapped()).scene();
    assertEquals(new CartPoleScene(1.5, -0.1, 2.4, CartPole.THETA_THRESHOLD_RADIANS, 4.8, 1.0), c);
    assertEquals("cartpole", c.kind());

    Env<double[], Object> mc = make("MountainCarContinuous-v0");
    mc.reset(1);
    ((MountainCarContinuous) mc.unwrapped()).setState(new double[] {-0.5, 0.01});
    MountainCarScene m = (MountainCarScene) ((HasScene) mc.unwrapped()).scene();
    assertEquals(new MountainCarScene(-0.5, 0.01, -1.2, 0.6, 0.45, true), m);
    assertEquals("mountaincar", m.kind());
    assertEquals(Math.sin(-1.5) * 0.45 + 0.55, MountainCarScene.height(-0.5), 1e-15);
    assertEquals(0.0, ((MountainCar) make("MountainCar-v0").unwrapped()).goalVelocity());

    Env<double[], Object> ac = make("Acrobot-v1");
    ac.reset(1);
    ((Acrobot) ac.unwrapped()).setState(new double[] {0.3, -0.2, 0, 0});
    assertEquals(new AcrobotScene(0.3, -0.2, 1.0, 1.0, 1.0), ((HasScene) ac.unwrapped()).scene());
    assertEquals("acrobot", ((HasScene) ac.unwrapped()).scene().kind());

    Env<double[], Object> pe = make("Pendulum-v1");
    pe.reset(1);
    PendulumScene p = (PendulumScene) ((HasScene) pe.unwrapped()).scene();
    assertTrue(p.lastTorque().isEmpty());
    pe.step(new double[] {-1.5});
    p = (PendulumScene) ((HasScene) pe.unwrapped()).scene();
    assertEquals(-1.5, p.lastTorque().getAsDouble());
    assertEquals(state(pe)[0], p.angle());
    assertEquals("pendulum", p.kind());
  }
}
