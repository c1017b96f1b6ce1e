package org.rlgan.render.play;

import java.util.List;
import org.rlgan.envs.Scene;
import org.rlgan.envs.classic.AcrobotScene;
import org.rlgan.envs.classic.CartPoleScene;
import org.rlgan.envs.classic.MountainCarScene;
import org.rlgan.envs.minatar.MinAtarEnv;
import org.rlgan.envs.toytext.BlackjackScene;
import org.rlgan.envs.toytext.GridScene;
import org.rlgan.envs.toytext.TaxiScene;
import org.rlgan.mdp.Env;

/** Short names of a discrete environment's actions, for the overlay and the Q-value chart. */
public final class ActionNames {

  /** MinAtar's full action set, by index (the reference's {@code n l u r d f}). */
  static final List<String> MINATAR = List.of("noop", "left", "up", "right", "down", "fire");

  private ActionNames() {}

  /** The names by action index, or an empty list where the actions are continuous or unnamed. */
  public static List<String> of(Env<?, ?> env, Scene scene) {
    if (env.unwrapped() instanceof MinAtarEnv m) {
      return java.util.Arrays.stream(m.actionSet()).mapToObj(MINATAR::get).toList();
    }
    if (scene instanceof GridScene g) {
      return g.actionNames().stream().map(String::toLowerCase).toList();
    }
    if (scene instanceof TaxiScene) {
      return List.of("south", "north", "east", "west", "pickup", "dropoff");
    }
    if (scene instanceof BlackjackScene) {
      return List.of("stick", "hit");
    }
    if (scene instanceof CartPoleScene) {
      return List.of("left", "right");
    }
    if (scene instanceof MountainCarScene m && !m.continuous()) {
      return List.of("left", "none", "right");
    }
    if (scene instanceof AcrobotScene) {
      return List.of("-1", "0", "+1");
    }
    return List.of();
  }

  /** How an action shows in the overlay: its name where known, else its value. */
  public static String describe(Object action, List<String> names) {
    if (action instanceof Integer i && i >= 0 && i < names.size()) {
      return i + " (" + names.get(i) + ")";
    }
    if (action instanceof double[] d) {
      return d.length == 1 ? String.format(java.util.Locale.ROOT, "%.3f", d[0]) : java.util.Arrays.toString(d);
    }
    return String.valueOf(action);
  }
}
