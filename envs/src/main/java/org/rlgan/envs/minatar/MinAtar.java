package org.rlgan.envs.minatar;

import org.rlgan.envs.InvalidOptionException;
import org.rlgan.envs.Options;
import org.rlgan.envs.Registry;

/**
 * Registers the five MinAtar games (Young &amp; Tian 2019) under the reference gym wrapper's ids:
 * {@code MinAtar/<Game>-v0} with all six actions and {@code MinAtar/<Game>-v1} with the game's minimal action set.
 * As in the reference's {@code register_envs()}, there is no time limit (Freeway ends itself after 2,500 frames);
 * {@code max_episode_steps} adds one. Options: {@code sticky_action_prob} (default 0.1), {@code difficulty_ramping}
 * (default true).
 */
public final class MinAtar {

  private MinAtar() {}

  /** The five games, in the reference's order. */
  public enum Game {
    ASTERIX("asterix", "Asterix"),
    BREAKOUT("breakout", "Breakout"),
    FREEWAY("freeway", "Freeway"),
    SEAQUEST("seaquest", "Seaquest"),
    SPACE_INVADERS("space_invaders", "SpaceInvaders");

    private final String module;
    private final String title;

    Game(String module, String title) {
      this.module = module;
      this.title = title;
    }

    /** The reference's module name, e.g. {@code space_invaders}. */
    public String module() {
      return module;
    }

    /** The registry id: {@code MinAtar/SpaceInvaders-v0} (all actions) or {@code -v1} (minimal set). */
    public String id(boolean minimalActionSet) {
      return "MinAtar/" + title + (minimalActionSet ? "-v1" : "-v0");
    }

    /** A fresh rules object; call {@code reset} before {@code act}. */
    MinAtarGame create(boolean ramping) {
      return switch (this) {
        case ASTERIX -> new Asterix(ramping);
        case BREAKOUT -> new Breakout();
        case FREEWAY -> new Freeway();
        case SEAQUEST -> new Seaquest(ramping);
        case SPACE_INVADERS -> new SpaceInvaders(ramping);
      };
    }
  }

  /** Adds every environment of this family to {@code registry}. */
  public static void register(Registry registry) {
    for (Game g : Game.values()) {
      for (boolean minimal : new boolean[] {false, true}) {
        registry.register(g.id(minimal), 0, Double.NaN, false,
            (spec, options) -> new MinAtarEnv(g, config(options, minimal), spec));
      }
    }
  }

  private static MinAtarEnv.Config config(Options options, boolean minimal) {
    double sticky = options.getDouble("sticky_action_prob", MinAtarEnv.Config.DEFAULT.stickyActionProb());
    boolean ramping = options.getBoolean("difficulty_ramping", MinAtarEnv.Config.DEFAULT.difficultyRamping());
    try {
      return new MinAtarEnv.Config(sticky, ramping, minimal);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(e.getMessage());
    }
  }
}
