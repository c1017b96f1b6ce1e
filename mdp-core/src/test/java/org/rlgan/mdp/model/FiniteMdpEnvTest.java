package org.rlgan.mdp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.rlgan.mdp.InvalidActionException;
import org.rlgan.mdp.ResetNeededException;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;

class FiniteMdpEnvTest {

  @Test
  void sameSeedSameRollout() {
    FiniteMdp m = Problems.gambler(20, 0.45);
    FiniteMdpEnv a = new FiniteMdpEnv(m, "Gambler", OptionalInt.empty());
    FiniteMdpEnv b = new FiniteMdpEnv(m, "Gambler", OptionalInt.empty());
    var actions = Rngs.seeded(5);
    assertEquals(a.reset(123).observation(), b.reset(123).observation());
    int differentStarts = 0;
    for (int i = 0; i < 2000; i++) {
      int act = actions.nextInt(10);
      Step<Integer> x = a.step(act);
      Step<Integer> y = b.step(act);
      assertEquals(x.observation(), y.observation());
      assertEquals(x.reward(), y.reward());
      assertEquals(x.terminated(), y.terminated());
      if (x.done()) {
        int s1 = a.reset().observation();
        assertEquals(s1, (int) b.reset().observation());
        differentStarts += s1 != 10 ? 1 : 0;
      }
    }
    assertTrue(differentStarts > 0);
  }

  @Test
  void truncationTerminationAndMisuse() {
    FiniteMdpEnv env = new FiniteMdpEnv(Problems.forest(), "Forest", OptionalInt.of(3));
    assertThrows(ResetNeededException.class, () -> env.step(0));
    env.reset(0);
    assertThrows(InvalidActionException.class, () -> env.step(2));
    assertTrue(!env.step(0).truncated() && !env.step(0).truncated());
    Step<Integer> last = env.step(1);
    assertTrue(last.truncated() && !last.terminated());
    ResetNeededException e = assertThrows(ResetNeededException.class, () -> env.step(0));
    assertTrue(e.getMessage().contains("was truncated at step 3"), e.getMessage());
    assertEquals(3, env.spec().maxEpisodeSteps().getAsInt());

    FiniteMdpEnv grid = new FiniteMdpEnv(Problems.gridWorld4x4(), "Grid", OptionalInt.empty());
    int s = grid.reset(1).observation();
    Step<Integer> st = null;
    for (int i = 0; i < 1000 && (st == null || !st.terminated()); i++) {
      st = grid.step(s % 4 == 0 ? Problems.UP : Problems.LEFT);
      s = st.observation();
    }
    assertTrue(st.terminated());
    assertEquals(0, s);
    assertEquals(-1.0, st.reward());
  }
}
