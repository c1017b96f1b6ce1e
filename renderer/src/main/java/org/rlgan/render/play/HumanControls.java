package org.rlgan.render.play;

import static org.lwjgl.glfw.GLFW.GLFW_KEY_D;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_DOWN;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_F;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_H;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_LEFT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_P;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_RIGHT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_S;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_UP;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_Z;

import java.util.List;
import java.util.function.IntPredicate;
import org.rlgan.envs.Scene;
import org.rlgan.envs.classic.AcrobotScene;
import org.rlgan.envs.classic.CartPoleScene;
import org.rlgan.envs.classic.MountainCarScene;
import org.rlgan.envs.classic.PendulumScene;
import org.rlgan.envs.minatar.MinAtarEnv;
import org.rlgan.envs.toytext.BlackjackScene;
import org.rlgan.envs.toytext.GridScene;
import org.rlgan.envs.toytext.TaxiScene;
import org.rlgan.mdp.Env;

/**
 * Keyboard play ({@code workbench play --env ID --human}). Turn-based games (the toy-text grids, Taxi, Blackjack)
 * take one step per key press; real-time ones (classic control, MinAtar) step at the frame rate with the keys held
 * at that moment, a no-op (or the neutral action) when none is.
 *
 * <p>Keys: arrows move (grids, Taxi, MinAtar; left/right push the cart, the car, the acrobot's torque and the
 * pendulum's), F or Z fires (MinAtar), P picks up and D drops off (Taxi), H hits and S sticks (Blackjack).
 */
public final class HumanControls {

  private final boolean turnBased;
  private final java.util.function.IntFunction<Object> onKey;
  private final java.util.function.Function<IntPredicate, Object> onHeld;
  private final String help;

  private HumanControls(boolean turnBased, java.util.function.IntFunction<Object> onKey,
      java.util.function.Function<IntPredicate, Object> onHeld, String help) {
    this.turnBased = turnBased;
    this.onKey = onKey;
    this.onHeld = onHeld;
    this.help = help;
  }

  /** The controls for this environment. */
  public static HumanControls of(Env<?, ?> env, Scene scene) {
    if (env.unwrapped() instanceof MinAtarEnv m) {
      int[] set = m.actionSet();
      return realTime(held -> {
        int full = held.test(GLFW_KEY_F) || held.test(GLFW_KEY_Z) ? 5 : held.test(GLFW_KEY_LEFT) ? 1
            : held.test(GLFW_KEY_UP) ? 2 : held.test(GLFW_KEY_RIGHT) ? 3 : held.test(GLFW_KEY_DOWN) ? 4 : 0;
        for (int i = 0; i < set.length; i++) {
          if (set[i] == full) {
            return i;
          }
        }
        return indexOf(set, 0);
      }, "arrows move, F or Z fires");
    }
    if (scene instanceof GridScene g) {
      List<String> names = g.actionNames().stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
      return turns(key -> direction(key, names), "arrows move");
    }
    if (scene instanceof TaxiScene) {
      List<String> names = List.of("south", "north", "east", "west");
      return turns(key -> key == GLFW_KEY_P ? Integer.valueOf(4) : key == GLFW_KEY_D ? Integer.valueOf(5)
          : direction(key, names),
          "arrows drive, P picks up, D drops off");
    }
    if (scene instanceof BlackjackScene) {
      // boxed on purpose: with int literals the conditional unboxes the null of any other key
      return turns(key -> key == GLFW_KEY_H ? Integer.valueOf(1) : key == GLFW_KEY_S ? Integer.valueOf(0) : null,
          "H hits, S sticks");
    }
    if (scene instanceof CartPoleScene) {
      // CartPole has no neutral action: the cart is pushed left unless right is held
      return realTime(held -> held.test(GLFW_KEY_RIGHT) ? 1 : 0, "hold right to push right, else it pushes left");
    }
    if (scene instanceof MountainCarScene m) {
      if (m.continuous()) {
        return realTime(held -> new double[] {held.test(GLFW_KEY_LEFT) ? -1f : held.test(GLFW_KEY_RIGHT) ? 1f : 0f},
            "left/right accelerate");
      }
      return realTime(held -> held.test(GLFW_KEY_LEFT) ? 0 : held.test(GLFW_KEY_RIGHT) ? 2 : 1,
          "left/right accelerate");
    }
    if (scene instanceof AcrobotScene) {
      return realTime(held -> held.test(GLFW_KEY_LEFT) ? 0 : held.test(GLFW_KEY_RIGHT) ? 2 : 1,
          "left/right apply torque");
    }
    if (scene instanceof PendulumScene p) {
      double u = (float) p.maxTorque();
      return realTime(held -> new double[] {held.test(GLFW_KEY_LEFT) ? u : held.test(GLFW_KEY_RIGHT) ? -u : 0.0},
          "left/right apply torque");
    }
    throw new IllegalArgumentException("no keyboard controls for " + env.spec().id());
  }

  private static HumanControls turns(java.util.function.IntFunction<Object> onKey, String help) {
    return new HumanControls(true, onKey, held -> null, help);
  }

  private static HumanControls realTime(java.util.function.Function<IntPredicate, Object> onHeld, String help) {
    return new HumanControls(false, key -> null, onHeld, help);
  }

  private static Integer direction(int key, List<String> names) {
    String d = switch (key) {
      case GLFW_KEY_LEFT -> "left";
      case GLFW_KEY_RIGHT -> "right";
      case GLFW_KEY_UP -> "up";
      case GLFW_KEY_DOWN -> "down";
      default -> null;
    };
    if (d == null) {
      return null;
    }
    String alt = switch (d) {
      case "left" -> "west";
      case "right" -> "east";
      case "up" -> "north";
      default -> "south";
    };
    int i = names.indexOf(d) >= 0 ? names.indexOf(d) : names.indexOf(alt);
    return i >= 0 ? Integer.valueOf(i) : null;
  }

  private static int indexOf(int[] set, int full) {
    for (int i = 0; i < set.length; i++) {
      if (set[i] == full) {
        return i;
      }
    }
    return 0;
  }

  /** True when a step happens only on a key press. */
  public boolean turnBased() {
    return turnBased;
  }

  /** The action a key press stands for in a turn-based game, or null for none. */
  public Object onKey(int glfwKey) {
    return onKey.apply(glfwKey);
  }

  /** The action for the keys held now in a real-time game. */
  public Object onHeld(IntPredicate held) {
    return onHeld.apply(held);
  }

  /** One line on which keys do what. */
  public String help() {
    return help;
  }
}
