package org.rlgan.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_D;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_DOWN;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_F;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_H;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_LEFT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_P;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_RIGHT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_S;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_UP;

import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.HasScene;
import org.rlgan.envs.Registry;
import org.rlgan.envs.minatar.MinAtarEnv;
import org.rlgan.mdp.Env;
import org.rlgan.render.play.HumanControls;

/** The keyboard's actions per environment (no display needed: keys are GLFW codes, held keys a predicate). */
class HumanControlsTest {

  static HumanControls of(String id) {
    Env<?, ?> env = Registry.builtin().make(id);
    env.reset(0);
    return HumanControls.of(env, ((HasScene) env.unwrapped()).scene());
  }

  static IntPredicate held(Integer... keys) {
    Set<Integer> s = Set.of(keys);
    return s::contains;
  }

  @Test
  void gridsStepOncePerArrowInTheirOwnActionOrder() {
    HumanControls lake = of("FrozenLake-v1");        // 0 left, 1 down, 2 right, 3 up
    assertTrue(lake.turnBased());
    assertEquals(0, lake.onKey(GLFW_KEY_LEFT));
    assertEquals(1, lake.onKey(GLFW_KEY_DOWN));
    assertEquals(3, lake.onKey(GLFW_KEY_UP));
    assertNull(lake.onKey(GLFW_KEY_F));
    HumanControls cliff = of("CliffWalking-v1");     // 0 up, 1 right, 2 down, 3 left
    assertEquals(0, cliff.onKey(GLFW_KEY_UP));
    assertEquals(3, cliff.onKey(GLFW_KEY_LEFT));
    HumanControls taxi = of("Taxi-v3");              // south, north, east, west, pickup, dropoff
    assertEquals(3, taxi.onKey(GLFW_KEY_LEFT));
    assertEquals(0, taxi.onKey(GLFW_KEY_DOWN));
    assertEquals(4, taxi.onKey(GLFW_KEY_P));
    assertEquals(5, taxi.onKey(GLFW_KEY_D));
    HumanControls bj = of("Blackjack-v1");
    assertEquals(1, bj.onKey(GLFW_KEY_H));
    assertEquals(0, bj.onKey(GLFW_KEY_S));
    assertNull(bj.onKey(GLFW_KEY_LEFT));
  }

  @Test
  void realTimeGamesReadTheHeldKeys() {
    HumanControls cart = of("CartPole-v1");
    assertFalse(cart.turnBased());
    assertEquals(1, cart.onHeld(held(GLFW_KEY_RIGHT)));
    assertEquals(0, cart.onHeld(held()));
    HumanControls car = of("MountainCar-v0");
    assertEquals(1, car.onHeld(held()), "no key: the neutral action");
    assertEquals(2, car.onHeld(held(GLFW_KEY_RIGHT)));
    assertArrayEquals(new double[] {2.0}, (double[]) of("Pendulum-v1").onHeld(held(GLFW_KEY_LEFT)));
    assertArrayEquals(new double[] {-1.0}, (double[]) of("MountainCarContinuous-v0").onHeld(held(GLFW_KEY_LEFT)));
  }

  @Test
  void minAtarMapsKeysThroughTheActionSet() {
    Env<?, ?> full = Registry.builtin().make("MinAtar/Breakout-v0");
    full.reset(0);
    HumanControls f = HumanControls.of(full, ((HasScene) full.unwrapped()).scene());
    assertEquals(1, f.onHeld(held(GLFW_KEY_LEFT)), "full set: index = action");
    assertEquals(5, f.onHeld(held(GLFW_KEY_F)));
    assertEquals(0, f.onHeld(held()));
    Env<?, ?> min = Registry.builtin().make("MinAtar/Breakout-v1");
    min.reset(0);
    int[] set = ((MinAtarEnv) min.unwrapped()).actionSet();
    HumanControls m = HumanControls.of(min, ((HasScene) min.unwrapped()).scene());
    int left = (Integer) m.onHeld(held(GLFW_KEY_LEFT));
    assertEquals(1, set[left], "minimal set: the index whose full action is left");
    assertEquals(0, set[(Integer) m.onHeld(held())], "no key: noop");
  }
}
