package org.rlgan.envs.toytext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.Registry;
import org.rlgan.envs.wrappers.TimeLimit;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;

/**
 * Golden checks for CliffWalking, Taxi and Blackjack derived from Gymnasium's sources
 * ({@code gymnasium/envs/toy_text/cliffwalking.py}, {@code taxi.py}, {@code blackjack.py}) and their documented
 * constants (Taxi's "optimum = 8.46" in the registration, Sutton &amp; Barto's cliff path of 13 steps).
 */
class ToyTextGoldenTest {

  private static Transition only(TransitionTable t, int s, int a) {
    assertEquals(1, t.get(s, a).size());
    return t.get(s, a).get(0);
  }

  /** Follows a deterministic greedy policy from s, summing undiscounted rewards until termination. */
  private static double rollout(TransitionTable t, int[] policy, int s) {
    double ret = 0;
    for (int k = 0; k < 1000; k++) {
      Transition tr = t.get(s, policy[s]).get(0);
      ret += tr.reward();
      s = tr.next();
      if (tr.terminated()) {
        return ret;
      }
    }
    throw new AssertionError("no termination from " + s);
  }

  // ---- CliffWalking ----

  @Test
  void cliffWalkingTable() {
    CliffWalking env = new CliffWalking(false);
    TransitionTable t = env.transitions();
    assertEquals(48, t.states());
    assertEquals(1.0, t.initialDistribution()[36]);
    assertEquals(new Transition(1.0, 36, -100, false), only(t, 36, CliffWalking.RIGHT)); // into the cliff
    assertEquals(new Transition(1.0, 36, -100, false), only(t, 25, CliffWalking.DOWN));
    assertEquals(new Transition(1.0, 47, -1, true), only(t, 35, CliffWalking.DOWN)); // the goal
    assertEquals(new Transition(1.0, 0, -1, false), only(t, 0, CliffWalking.UP)); // the border
    assertEquals(new Transition(1.0, 24, -1, false), only(t, 36, CliffWalking.UP));
    // Sutton & Barto Example 6.6: the optimal path from the start takes 13 steps (return -13).
    Solution s = new PolicyIteration(PolicyIteration.Config.of(0.99)).solve(env.transitionModel());
    assertEquals(-13.0, rollout(t, s.policy(), 36));
  }

  @Test
  void slipperyCliffWalkingTable() {
    TransitionTable t = new CliffWalking(true).transitions();
    double third = 1.0 / 3;
    // From (2,1) moving down: right, down (cliff: back to start, -100), left, in that order.
    assertEquals(List.of(new Transition(third, 26, -1, false), new Transition(third, 36, -100, false),
        new Transition(third, 24, -1, false)), t.get(25, CliffWalking.DOWN));
    // From (2,0) moving right: up, right, down (the start cell is not the cliff).
    assertEquals(List.of(new Transition(third, 12, -1, false), new Transition(third, 25, -1, false),
        new Transition(third, 36, -1, false)), t.get(24, CliffWalking.RIGHT));
    Env<?, ?> reg = Registry.builtin().make("CliffWalkingSlippery-v1");
    assertTrue(((CliffWalking) reg).isSlippery());
    assertFalse(((CliffWalking) Registry.builtin().make("CliffWalking-v1")).isSlippery());
    assertTrue(((CliffWalking) Registry.builtin().make("CliffWalking-v1", Map.of("is_slippery", true))).isSlippery());
  }

  @Test
  void cliffResetsToStartWithoutEnding() {
    CliffWalking env = new CliffWalking(false);
    assertEquals(36, env.reset(1).observation());
    Step<Integer> s = env.step(CliffWalking.RIGHT);
    assertEquals(36, s.observation());
    assertEquals(-100.0, s.reward());
    assertFalse(s.terminated());
    assertEquals(Map.of("prob", 1.0), s.info());
    env.step(CliffWalking.UP);
    String ansi = env.renderAnsi();
    assertEquals("o  o  o  o  o  o  o  o  o  o  o  o\n".repeat(2)
        + "x  o  o  o  o  o  o  o  o  o  o  o\n"
        + "o  C  C  C  C  C  C  C  C  C  C  T\n\n", ansi);
  }

  // ---- Taxi ----

  @Test
  void taxiEncodingAndInitialDistribution() {
    for (int s = 0; s < 500; s++) {
      int[] d = Taxi.decode(s);
      assertEquals(s, Taxi.encode(d[0], d[1], d[2], d[3]));
    }
    assertArrayEquals(new int[] {3, 1, 2, 0}, Taxi.decode(328)); // Gymnasium's docs example: encode(3,1,2,0)=328
    Taxi env = new Taxi(Taxi.Config.defaults());
    double[] isd = env.transitions().initialDistribution();
    int support = 0;
    for (int s = 0; s < 500; s++) {
      if (isd[s] > 0) {
        support++;
        assertEquals(1.0 / 300, isd[s], 1e-15);
        int[] d = Taxi.decode(s);
        assertTrue(d[2] < 4 && d[2] != d[3]);
      }
    }
    assertEquals(300, support);
  }

  @Test
  void taxiRewardsAndWalls() {
    TransitionTable t = new Taxi(Taxi.Config.defaults()).transitions();
    int s = Taxi.encode(2, 2, 0, 1);
    assertEquals(new Transition(1.0, s, -10, false), only(t, s, 4)); // pickup where the passenger is not
    assertEquals(new Transition(1.0, s, -10, false), only(t, s, 5)); // dropoff with nobody aboard
    int atR = Taxi.encode(0, 0, 0, 1);
    assertEquals(new Transition(1.0, Taxi.encode(0, 0, 4, 1), -1, false), only(t, atR, 4)); // legal pickup
    int atG = Taxi.encode(0, 4, 4, 1);
    assertEquals(new Transition(1.0, Taxi.encode(0, 4, 1, 1), 20, true), only(t, atG, 5)); // delivery
    int atY = Taxi.encode(4, 0, 4, 1);
    assertEquals(new Transition(1.0, Taxi.encode(4, 0, 2, 1), -1, false), only(t, atY, 5)); // left at Y
    int wall = Taxi.encode(0, 1, 0, 1); // "|R: | : :G|": a wall east of (0,1)
    assertEquals(new Transition(1.0, wall, -1, false), only(t, wall, 2));
    assertEquals(new Transition(1.0, Taxi.encode(0, 0, 0, 1), -1, false), only(t, wall, 3));
    assertArrayEquals(new int[] {1, 0, 0, 1, 0, 0}, Taxi.actionMask(wall));
    assertArrayEquals(new int[] {1, 0, 0, 1, 0, 1}, Taxi.actionMask(atG));
  }

  @Test
  void taxiOptimalReturns() {
    Taxi env = (Taxi) Registry.builtin().make("Taxi-v4").unwrapped();
    Solution s = new PolicyIteration(PolicyIteration.Config.of(0.99)).solve(env.transitionModel());
    // At R with the passenger, bound for G: pickup, 8 moves around the wall (2 down, 4 east, 2 up), delivery.
    assertEquals(-1 - 8 + 20, rollout(env.transitions(), s.policy(), Taxi.encode(0, 0, 0, 1)));
    // At G with the passenger aboard: deliver at once.
    assertEquals(20.0, rollout(env.transitions(), s.policy(), Taxi.encode(0, 4, 4, 1)));
    // The mean optimal return from the 300 start states is 7.93 on v3/v4's map (the registration's
    // "optimum = 8.46" dates from Taxi-v2's map, which had fewer walls).
    double[] isd = env.transitions().initialDistribution();
    double mean = 0;
    for (int st = 0; st < 500; st++) {
      if (isd[st] > 0) {
        mean += isd[st] * rollout(env.transitions(), s.policy(), st);
      }
    }
    assertEquals(7.93, mean, 1e-9);
  }

  @Test
  void rainyTaxi() {
    Taxi env = new Taxi(new Taxi.Config(true, false));
    TransitionTable t = env.transitions();
    int s = Taxi.encode(1, 3, 0, 1); // all four neighbours open
    // South: ahead (2,3), left of travel = east (1,4), right of travel = west (1,2).
    assertEquals(List.of(new Transition(0.8, Taxi.encode(2, 3, 0, 1), -1, false),
        new Transition(0.1, Taxi.encode(1, 4, 0, 1), -1, false),
        new Transition(0.1, Taxi.encode(1, 2, 0, 1), -1, false)), t.get(s, 0));
    // West from (0,2): a wall blocks the move ahead; left of travel (south) and right (north, the border).
    int w = Taxi.encode(0, 2, 0, 1);
    assertEquals(List.of(new Transition(0.8, w, -1, false), new Transition(0.1, Taxi.encode(1, 2, 0, 1), -1, false),
        new Transition(0.1, w, -1, false)), t.get(w, 3));
    assertEquals(1, t.get(s, 4).size()); // pickup and dropoff stay deterministic
    new PolicyIteration(PolicyIteration.Config.of(0.99)).solve(env.transitionModel());
    Taxi fickle = new Taxi(new Taxi.Config(false, true));
    assertThrows(IllegalStateException.class, fickle::transitionModel);
  }

  @Test
  void fickleTaxiChangesDestinationAtMostOnce() {
    int changes = 0;
    Solution sol = new PolicyIteration(PolicyIteration.Config.of(0.99)).solve(
        new Taxi(Taxi.Config.defaults()).transitionModel());
    for (long seed = 0; seed < 200; seed++) {
      Taxi env = new Taxi(new Taxi.Config(false, true));
      int s = env.reset(seed).observation();
      int[] d = Taxi.decode(s);
      // Drive along the solved dry policy; the passenger boards, the taxi moves, maybe a new destination.
      int dest = d[3];
      for (int k = 0; k < 200; k++) {
        Step<Integer> st = env.step(sol.policy()[s]);
        int[] n = Taxi.decode(st.observation());
        if (n[3] != dest) {
          changes++;
          assertTrue(Taxi.decode(s)[2] == 4, "only with the passenger aboard");
          dest = n[3];
        }
        s = st.observation();
        if (st.terminated()) {
          break;
        }
      }
    }
    // About 30% of episodes see one change (the passenger always boards and the taxi moves under this policy).
    assertTrue(changes > 35 && changes < 85, "changes " + changes);
  }

  @Test
  void taxiAnsi() {
    String e = "\u001b[0m";
    // Taxi at (2,1) empty, passenger at R, destination G.
    assertEquals("+---------+\n|\u001b[34;1mR" + e + ": | : :\u001b[35mG" + e + "|\n| : | : : |\n"
        + "| :\u001b[43m " + e + ": : : |\n| | : | : |\n|Y| : |B: |\n+---------+\n\n", Taxi.ansi(Taxi.encode(2, 1, 0, 1), -1));
    // Passenger aboard at R, destination B, after a pickup.
    assertEquals("+---------+\n|\u001b[42mR" + e + ": | : :G|\n| : | : : |\n| : : : : |\n| | : | : |\n"
        + "|Y| : |\u001b[35mB" + e + ": |\n+---------+\n  (Pickup)\n", Taxi.ansi(Taxi.encode(0, 0, 4, 3), 4));
    // The empty taxi on the passenger's stop: both colours nest, as colorize(colorize(...)) does.
    assertTrue(Taxi.ansi(Taxi.encode(0, 0, 0, 1), 0).startsWith("+---------+\n|\u001b[34;1m\u001b[43mR" + e + e));
    // Passenger aboard on a blank cell shows "_".
    assertTrue(Taxi.ansi(Taxi.encode(2, 2, 4, 0), 1).contains("\u001b[42m_" + e));
  }

  @Test
  void taxiRegistration() {
    Env<?, ?> v3 = Registry.builtin().make("Taxi-v3");
    assertEquals(200, ((TimeLimit<?, ?>) v3).maxEpisodeSteps());
    assertEquals(8.0, Registry.builtin().spec("Taxi-v4").rewardThreshold().getAsDouble());
    var r = ((Env<Integer, Integer>) v3.unwrapped()).reset(4);
    assertArrayEquals(Taxi.actionMask(r.observation()), (int[]) r.info().get("action_mask"));
    assertEquals(1.0, r.info().get("prob"));
  }

  // ---- Blackjack ----

  @Test
  void blackjackHandArithmetic() {
    assertEquals(17, Blackjack.sumHand(List.of(1, 6)));
    assertEquals(1, Blackjack.usableAce(List.of(1, 6)));
    assertEquals(17, Blackjack.sumHand(List.of(1, 6, 10)));
    assertEquals(0, Blackjack.usableAce(List.of(1, 6, 10)));
    assertEquals(12, Blackjack.sumHand(List.of(1, 1)));
    assertTrue(Blackjack.isNatural(List.of(10, 1)));
    assertFalse(Blackjack.isNatural(List.of(1, 5, 5)));
    assertTrue(Blackjack.isBust(List.of(10, 10, 2)));
    assertEquals(0, Blackjack.score(List.of(10, 10, 2)));
    // The infinite deck: 13 ranks, four of them worth 10.
    RandomGenerator rng = Rngs.seeded(3);
    int tens = 0;
    int n = 130_000;
    for (int i = 0; i < n; i++) {
      tens += Blackjack.drawCard(rng) == 10 ? 1 : 0;
    }
    assertEquals(4.0 / 13, tens / (double) n, 0.006);
  }

  @Test
  void blackjackNaturalsUnderEachRuleSet() {
    int naturals = 0;
    for (long seed = 0; seed < 4000 && naturals < 30; seed++) {
      for (Blackjack.Config c : List.of(new Blackjack.Config(true, false), new Blackjack.Config(false, true),
          new Blackjack.Config(false, false))) {
        Blackjack env = new Blackjack(c);
        env.reset(seed);
        if (!Blackjack.isNatural(env.playerHand())) {
          break;
        }
        Step<List<Object>> s = env.step(0);
        List<Integer> dealer = env.dealerHand();
        double expected;
        if (c.sab()) {
          expected = Blackjack.isNatural(dealer) ? 0.0 : 1.0;
        } else {
          expected = Blackjack.score(dealer) == 21 ? 0.0 : (c.natural() ? 1.5 : 1.0);
        }
        assertEquals(expected, s.reward(), c + " " + dealer);
        assertTrue(s.terminated());
        naturals += c.natural() ? 1 : 0;
      }
    }
    assertTrue(naturals >= 30, "found " + naturals + " natural deals");
  }

  @Test
  void blackjackEpisode() {
    Env<?, ?> made = Registry.builtin().make("Blackjack-v1");
    Blackjack env = (Blackjack) made;
    assertEquals(new Blackjack.Config(false, true), env.config()); // registered with sab=True, natural=False
    assertEquals("Tuple(Discrete(32), Discrete(11), Discrete(2))", env.observationSpace().toString());
    for (long seed = 0; seed < 50; seed++) {
      List<Object> o = env.reset(seed).observation();
      assertTrue(env.observationSpace().contains(o));
      assertEquals(Blackjack.sumHand(env.playerHand()), o.get(0));
      assertEquals(env.dealerHand().get(0), o.get(1));
      Step<List<Object>> s;
      do {
        s = env.step(1); // hit until bust
        assertTrue(env.observationSpace().contains(s.observation()));
      } while (!s.terminated());
      assertEquals(-1.0, s.reward());
      assertTrue(Blackjack.isBust(env.playerHand()));
      BlackjackScene scene = env.scene();
      assertEquals(env.playerHand(), scene.player());
      assertTrue(List.of("C", "D", "H", "S").contains(scene.dealerTopCardSuit()));
      String face = scene.dealerTopCardValue();
      int showing = scene.dealerShowing();
      assertTrue(showing == 1 ? face.equals("A") : showing == 10 ? List.of("J", "Q", "K").contains(face)
          : face.equals(Integer.toString(showing)), face + " for " + showing);
    }
    // Stick: the dealer draws to at least 17.
    env.reset(9);
    env.step(0);
    assertTrue(Blackjack.sumHand(env.dealerHand()) >= 17);
  }
}
