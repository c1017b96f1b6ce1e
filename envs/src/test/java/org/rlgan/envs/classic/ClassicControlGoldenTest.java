package org.rlgan.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Step;

/**
 * Golden values for the environments without recorded traces (Acrobot-v1, MountainCarContinuous-v0,
 * Pendulum-v1), derived from the formulas of Gymnasium 1.4's {@code acrobot.py}, {@code continuous_mountain_car.py}
 * and {@code pendulum.py} evaluated with NumPy 2.4.6's scalar rules (NEP 50: a Python float takes a NumPy
 * scalar's type, so {@code np.float32 * 0.0015} is a float32 product). Each first step is worked out in the
 * comment; later steps continue the same formulas. Float32 observations are exact; float64 states allow 1e-12
 * relative for the last bit of sine and cosine.
 */
class ClassicControlGoldenTest {


  // ---------------------------------------------------------------------------------------------------------------
  // MountainCarContinuous-v0

  /**
   * From the float64 state [-0.5, 0.0] (as after reset), force a = 1.0f:
   * <pre>
   * force*power      = f32(1.0) * f32(0.0015)                  = 0.001500000013038516   (float32)
   * 0.0025*cos(3*p)  = 0.0025 * cos(-1.5)                      = 1.7684300416925727e-4  (Python float, float64 cos)
   * difference       = f32(0.001500000013038516 - f32(1.768430041692572e-4)) = 0.0013231569901108742 (float32)
   * velocity         = 0.0 + 0.0013231569901108742               (float64 + float32 -> float64)
   * position         = -0.5 + 0.0013231569901108742 = -0.4986768430098891 (float64)
   * state            = f32([-0.4986768430098891, 0.0013231569901108742]) = [-0.4986768364906311, 0.0013231569901108742]
   * reward           = 0 - 1.0^2 * 0.1 = -0.1
   * </pre>
   * Step 2 (a = 0.5f) runs in float32: 3*p = f32(3 * -0.4986768364906311) = -1.496030569076538,
   * 0.0025*cos(-1.496030569076538) = 1.8674030358805177e-4, f32(0.5)*f32(0.0015) = 7.50000006519258e-4,
   * difference (float32) = 5.632597021758556e-4, velocity = f32(0.0013231569901108742 + 5.632597021758556e-4) =
   * 0.0018864166922867298 (a float64 sum would give 0.001886416575871408), position =
   * f32(-0.4986768364906311 + 0.0018864166922867298) = -0.49679040908813477.
   */
  @Test
  void mountainCarContinuousFromRest() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.reset(1);
    env.setState(new double[] {-0.5, 0.0});
    assertFalse(env.stateIsFloat32());
    double[][] actions = {{1.0}, {0.5}, {-1.0}, {0.25}, {(float) 0.1}};
    double[][] states = {
        {-0.4986768364906311, 0.0013231569901108742},
        {-0.49679040908813477, 0.0018864166922867298},
        {-0.4966048300266266, 0.00018557056318968534},
        {-0.49624648690223694, 0.0003583372454158962},
        {-0.4959430694580078, 0.0003034253022633493}};
    double[] rewards = {-0.1, -0.025, -0.1, -0.00625, -0.0010000000298023227};
    for (int i = 0; i < actions.length; i++) {
      Step<double[]> s = env.step(actions[i]);
      assertArrayEquals(states[i], s.observation(), "observation " + (i + 1));
      assertArrayEquals(states[i], env.state(), "state " + (i + 1));
      assertEquals(rewards[i], s.reward(), 0.0, "reward " + (i + 1));
      assertFalse(s.terminated());
      assertTrue(env.stateIsFloat32());
    }
  }

  /**
   * At the goal: from [0.44, 0.02] with a = 1: velocity = 0.02 + f32(0.0015 - 0.0025*cos(1.32)) = 0.020879561...,
   * position = 0.46087956... >= 0.45 and velocity >= 0: terminated, reward 100 - 0.1 = 99.9. Gymnasium allows
   * stepping on; the next step is at the goal again and pays 99.9 again.
   */
  @Test
  void mountainCarContinuousGoalAndAfter() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.reset(2);
    env.setState(new double[] {0.44, 0.02});
    Step<double[]> s = env.step(new double[] {1.0});
    assertArrayEquals(new double[] {0.4608795642852783, 0.020879561081528664}, s.observation());
    assertEquals(99.9, s.reward(), 0.0);
    assertTrue(s.terminated());
    s = env.step(new double[] {1.0});
    assertArrayEquals(new double[] {0.4827915132045746, 0.02191193774342537}, s.observation());
    assertEquals(99.9, s.reward(), 0.0);
    assertTrue(s.terminated());
  }

  /**
   * The left wall: from [-1.19, -0.05] with a = -1 the float64 position -1.19 - 0.05... falls below -1.2, is
   * clipped to the Python float -1.2 and the velocity set to 0; stored as float32, -1.2 becomes
   * -1.2000000476837158. The next step compares in float32, where that value equals -1.2 but is not below it.
   */
  @Test
  void mountainCarContinuousLeftWall() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.reset(3);
    env.setState(new double[] {-1.19, -0.05});
    Step<double[]> s = env.step(new double[] {-1.0});
    assertArrayEquals(new double[] {-1.2000000476837158, 0.0}, s.observation());
    s = env.step(new double[] {-1.0});
    assertArrayEquals(new double[] {-1.1992582082748413, 0.000741895753890276}, s.observation());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Pendulum-v1

  /**
   * From [th, thdot] = [1.0, 0.5] (float64) with u = 2.0f, g = 10:
   * <pre>
   * angle_normalize(1.0) = ((1.0 + pi) % 2pi) - pi = 1.0
   * costs    = 1.0^2 + 0.1*0.5^2 + f32(f32(0.001) * 4.0f) = 1.0 + 0.025 + 0.004000000189989805 = 1.0290000001899897
   * newthdot = 0.5 + (3*10/(2*1) * sin(1.0) + f32(3.0 * 2.0f)) * 0.05 = 0.5 + (12.622064772118447 + 6.0) * 0.05
   *          = 1.4311032386059224
   * newth    = 1.0 + 1.4311032386059224 * 0.05 = 1.071555161930296
   * obs      = f32([cos 1.071555161930296, sin 1.071555161930296, 1.4311032386059224])
   * reward   = -1.0290000001899897   (a float64 0.001*u^2 would give -1.029 + 0 exactly: the float32 term shows)
   * </pre>
   */
  @Test
  void pendulumSwing() {
    Pendulum env = new Pendulum();
    env.reset(4);
    env.setState(new double[] {1.0, 0.5});
    check(env, new double[][] {{2.0}, {-1.5}, {(float) 0.3}},
        new double[][] {{1.071555161930296, 1.4311032386059224}, {1.1647833031404466, 1.864562824203012},
            {1.294712798514141, 2.5985899074738867}},
        new double[][] {{0.4787594676017761, 0.877946138381958, 1.431103229522705},
            {0.39494964480400085, 0.9187027812004089, 1.8645628690719604},
            {0.2725895941257477, 0.9621304273605347, 2.5985898971557617}},
        new double[] {-1.0290000001899897, -1.3552861131502716, -1.7044695958234017});
  }

  /**
   * Wrapping and the speed clip: th = 3.5 normalises to 3.5 - 2pi = -2.7831853071795862 (floor modulo), and
   * thdot = -7.9 + (15 sin 3.5 + 3*0.7f) * 0.05 = -8.17... is clipped to -8, so th' = 3.5 - 0.4 = 3.1.
   */
  @Test
  void pendulumWrapsAndClips() {
    Pendulum env = new Pendulum();
    env.reset(5);
    env.setState(new double[] {3.5, -7.9});
    check(env, new double[][] {{(float) 0.7}, {-2.0}},
        new double[][] {{3.1, -8.0}, {2.7, -8.0}},
        new double[][] {{-0.9991351366043091, 0.04158066213130951, -8.0},
            {-0.9040721654891968, 0.42737987637519836, -8.0}},
        new double[] {-13.98761045410614, -16.014000000189988});
  }

  /** Gymnasium's {@code g} option: g = 9.81 from [-2, 0] with u = 1.1f: thdot' = (14.715 sin(-2) + f32(3.3f)) * 0.05. */
  @Test
  void pendulumGravityOption() {
    @SuppressWarnings("unchecked")
    Env<double[], double[]> env = (Env<double[], double[]>) Registry.builtin().make("Pendulum-v1", Map.of("g", 9.81));
    env.reset(6);
    Pendulum p = (Pendulum) env.unwrapped();
    assertEquals(9.81, p.g());
    p.setState(new double[] {-2.0, 0.0});
    Step<double[]> s = env.step(new double[] {(float) 1.1});
    assertClose(new double[] {-2.0252007786125126, -0.5040155722502522}, p.state());
    assertArrayEquals(new double[] {-0.4389272928237915, -0.8985226154327393, -0.5040155649185181}, s.observation());
    assertEquals(-4.001210000133142, s.reward(), 0.0);
  }

  /** {@code ((x + pi) % 2pi) - pi} with NumPy's floor modulo: values in [-pi, pi), pi itself maps to -pi. */
  @Test
  void pendulumAngleNormalize() {
    double[] x = {3.5, -Math.PI, Math.PI, -3.5, 7.0, 0.0, -10.0};
    double[] expected = {-2.7831853071795862, -3.141592653589793, -3.141592653589793, 2.7831853071795862,
        0.7168146928204138, 0.0, 2.5663706143591725};
    for (int i = 0; i < x.length; i++) {
      assertEquals(expected[i], Pendulum.angleNormalize(x[i]), 0.0, "angle_normalize(" + x[i] + ")");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Acrobot-v1

  /**
   * From the float32 state [0.1, -0.2, 0.3, -0.4] (as after reset: 0.10000000149011612, -0.20000000298023224,
   * 0.30000001192092896, -0.4000000059604645), action 2 (torque +1). {@code _dsdt} at the start, book dynamics:
   * <pre>
   * d1   = 1*0.25 + 1*(1 + 0.25 + 2*1*0.5*cos(th2)) + 1 + 1      = 4.48006657784124
   * d2   = 1*(0.25 + 1*0.5*cos(th2)) + 1                          = 1.74003328892062
   * phi2 = 1*0.5*9.8*cos(th1 + th2 - pi/2)                        = -0.489183741569458
   * phi1 = -0.5*dth2^2*sin(th2) - 2*0.5*dth2*dth1*sin(th2) + 1.5*9.8*cos(th1 - pi/2) + phi2
   * ddth2 = (a + d2/d1*phi1 - 0.5*dth1^2*sin(th2) - phi2) / (0.25 + 1 - d2^2/d1) = 3.26557515068...
   * ddth1 = -(d2*ddth2 + phi1)/d1                                 = -1.48494002577...
   * </pre>
   * then one RK4 step of 0.2 s: {@code y + 0.2/6 (k1 + 2k2 + 2k3 + k4)}, angles wrapped into [-pi, pi].
   */
  @Test
  void acrobotBook() {
    Acrobot env = new Acrobot();
    env.reset(7);
    env.setState(Classic.f32(0.1, -0.2, 0.3, -0.4));
    check(env, new int[] {2, 0, 1},
        new double[][] {{0.12821163483141718, -0.21184032465598912, -0.023484723362575233, 0.28679521445548295},
            {0.11784405408728084, -0.15731524741712, -0.07632066903204429, 0.24745844216178214},
            {0.0863606978397581, -0.08309034918898574, -0.22976341284926136, 0.47715795322185334}},
        new double[][] {{0.9917921423912048, 0.1278606653213501, 0.9776456356048584, -0.21025943756103516,
            -0.023484723642468452, 0.2867952287197113},
            {0.9930644035339355, 0.11757148802280426, 0.9876514673233032, -0.15666717290878296,
                -0.07632067054510117, 0.24745844304561615},
            {0.9962732195854187, 0.08625338971614838, 0.9965499639511108, -0.08299477398395538,
                -0.22976341843605042, 0.47715795040130615}},
        new double[] {-1.0, -1.0, -1.0}, new boolean[] {false, false, false});
  }

  /** The NIPS-paper equations (Gymnasium's {@code book_or_nips = "nips"}) drop the {@code dth1^2 sin th2} term. */
  @Test
  void acrobotNips() {
    Acrobot env = new Acrobot();
    env.setDynamics(Acrobot.Dynamics.NIPS);
    env.reset(8);
    env.setState(Classic.f32(0.1, -0.2, 0.3, -0.4));
    check(env, new int[] {2},
        new double[][] {{0.12826887549903238, -0.21198911959345615, -0.023123270447022004, 0.2858456864613015}},
        new double[][] {{0.9917848110198975, 0.12791743874549866, 0.9776143431663513, -0.2104049026966095,
            -0.02312326990067959, 0.28584569692611694}},
        new double[] {-1.0}, new boolean[] {false});
  }

  /**
   * Near the top: from [3.0, 0.1, 1.0, -1.0] th1 passes pi and wraps to -3.0935...; the end stays above the bar
   * ({@code -cos th1 - cos(th1 + th2) > 1}), so the step terminates with reward 0, and stepping on (allowed, as in
   * Gymnasium) terminates again with reward 0.
   */
  @Test
  void acrobotWrapsAndTerminates() {
    Acrobot env = new Acrobot();
    env.reset(9);
    env.setState(new double[] {3.0, 0.1, 1.0, -1.0});
    check(env, new int[] {1, 1},
        new double[][] {{-3.0935060908639476, -0.0890718463141428, 0.9426434659543735, -0.9525292363331187},
            {-2.8884818708252, -0.30467173868471015, 1.1556724738433484, -1.2668236429372215}},
        new double[][] {{-0.9988440871238708, -0.048068031668663025, 0.9960357546806335, -0.08895411342382431,
            0.9426434636116028, -0.95252925157547},
            {-0.9681380987167358, -0.2504168450832367, 0.9539454579353333, -0.2999800443649292, 1.1556724309921265,
                -1.266823649406433}},
        new double[] {0.0, 0.0}, new boolean[] {true, true});
  }

  /** The velocity bound: dth1 ends above 4pi and is bounded to exactly 4pi = 12.566370614359172. */
  @Test
  void acrobotBoundsVelocity() {
    Acrobot env = new Acrobot();
    env.reset(10);
    env.setState(new double[] {0.0, 0.0, 12.0, 28.0});
    check(env, new int[] {2},
        new double[][] {{-2.297828492152491, -2.2238561489521658, 12.566370614359172, 25.621435365061515}},
        new double[][] {{-0.6646551489830017, -0.7471503019332886, -0.6076194643974304, -0.7942283153533936,
            12.566370964050293, 25.621435165405273}},
        new double[] {-1.0}, new boolean[] {false});
    assertEquals(4 * Math.PI, env.state()[2], 0.0);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void check(Pendulum env, double[][] actions, double[][] states, double[][] obs, double[] rewards) {
    for (int i = 0; i < actions.length; i++) {
      Step<double[]> s = env.step(actions[i]);
      assertClose(states[i], env.state());
      assertArrayEquals(obs[i], s.observation(), "observation " + (i + 1));
      // The first reward depends on the given state alone: exact. Later ones inherit the state's last bit.
      assertEquals(rewards[i], s.reward(), i == 0 ? 0.0 : 1e-12 * Math.abs(rewards[i]), "reward " + (i + 1));
      assertFalse(s.terminated());
      assertFalse(s.truncated());
    }
  }

  private static void check(Acrobot env, int[] actions, double[][] states, double[][] obs, double[] rewards,
      boolean[] terminated) {
    for (int i = 0; i < actions.length; i++) {
      Step<double[]> s = env.step(actions[i]);
      assertClose(states[i], env.state());
      assertArrayEquals(obs[i], s.observation(), "observation " + (i + 1));
      assertEquals(rewards[i], s.reward(), 0.0, "reward " + (i + 1));
      assertEquals(terminated[i], s.terminated(), "terminated " + (i + 1));
    }
  }

  private static void assertClose(double[] expected, double[] actual) {
    ClassicControlParityTest.assertClose(expected, actual, "state");
  }
}
