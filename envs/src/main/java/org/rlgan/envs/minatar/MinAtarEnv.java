package org.rlgan.envs.minatar;

import java.util.List;
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
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.MultiBinary;
import org.rlgan.mdp.spaces.Space;

/**
 * A MinAtar game behind the Gymnasium API: the reference's {@code minatar.Environment} (sticky actions, difficulty
 * ramping) and its gym wrapper {@code minatar.gym.BaseEnv} (full or minimal action set). Young &amp; Tian 2019,
 * "MinAtar: An Atari-Inspired Testbed for Thorough and Reproducible Reinforcement Learning Experiments".
 *
 * <p>Observation: {@code MultiBinary(10, 10, C)}, a fresh row-major {@code int[]} of 0/1 with the channel last, exactly
 * the reference's {@code state()} ({@code obs[(y * 10 + x) * C + c]}, y = 0 the top row); the channel names are
 * {@link #channels()}. Action: {@code Discrete(6)} (v0: {@code n, l, u, r, d, f}) or {@code Discrete(k)} indexing the
 * game's minimal action set (v1). Reward: the game's integer reward. {@code terminated} is the reference's game over
 * (Freeway's 2,500-frame limit included); there is no truncation of its own.
 *
 * <p>Randomness: one generator ({@link Rngs}) serves the sticky-action draws and the game, as the reference's seeded
 * {@code Environment} shares one {@code RandomState}: every step draws one uniform for stickiness (whatever the
 * probability), then the game draws what its rules draw. Sequences differ from numpy's, the events and
 * probabilities do not. {@code reset(seed)} also forgets the last action (a seeded episode is then the one a freshly
 * made and seeded reference environment plays); {@code reset()} keeps it, as the reference does between episodes.
 * Stepping after the game is over returns reward 0 and {@code terminated}, as the reference does.
 */
public final class MinAtarEnv implements Env<int[], Integer>, HasScene {

  /**
   * The options of the reference's {@code Environment} and {@code BaseEnv}.
   *
   * @param stickyActionProb the probability in [0, 1] that the previous action repeats instead of the chosen one
   * @param difficultyRamping whether the game speeds up over time (Asterix, Seaquest, Space Invaders)
   * @param minimalActionSet whether actions index the game's minimal action set (v1) instead of all six (v0)
   */
  public record Config(double stickyActionProb, boolean difficultyRamping, boolean minimalActionSet) {

    /** The reference's defaults: sticky actions with probability 0.1, ramping on, all six actions. */
    public static final Config DEFAULT = new Config(0.1, true, false);

    public Config {
      if (!(stickyActionProb >= 0 && stickyActionProb <= 1)) {
        throw new IllegalArgumentException(
            "MinAtar sticky_action_prob is " + stickyActionProb + "; it must be a probability in [0, 1]");
      }
    }
  }

  private final MinAtar.Game game;
  private final MinAtarGame rules;
  private final Config config;
  private final EnvSpec spec;
  private final int[] actionSet;
  private final int channels;
  private final Discrete actionSpace;
  private final MultiBinary observationSpace;
  private final EpisodeGuard guard;
  private RandomGenerator rng;
  private int lastAction;

  /** The game with a spec named after its v0/v1 id and no time limit. */
  public MinAtarEnv(MinAtar.Game game, Config config) {
    this(game, config, EnvSpec.of(game.id(config.minimalActionSet()), false));
  }

  public MinAtarEnv(MinAtar.Game game, Config config, EnvSpec spec) {
    this.game = game;
    this.config = config;
    this.spec = spec;
    this.rules = game.create(config.difficultyRamping());
    this.actionSet = config.minimalActionSet() ? rules.minimalActionSet() : new int[] {0, 1, 2, 3, 4, 5};
    this.channels = rules.channels().size();
    this.actionSpace = new Discrete(actionSet.length);
    this.observationSpace = new MultiBinary(MinAtarGame.SIZE, MinAtarGame.SIZE, channels);
    this.guard = new EpisodeGuard(spec.id(), EpisodeGuard.AfterEnd.ALLOW);
  }

  @Override
  public Reset<int[]> reset(OptionalLong seed, Map<String, Object> options) {
    rng = Rngs.forReset(rng, seed);
    if (seed.isPresent()) {
      lastAction = 0; // a seeded episode plays like a freshly made, seeded reference environment
    }
    rules.reset(rng);
    guard.onReset();
    return new Reset<>(observation(), Map.of());
  }

  /**
   * Starts an episode drawing from {@code generator} from now on, with the last action forgotten: for parity tests
   * that substitute a scripted stream for the seeded generator.
   */
  Reset<int[]> resetWith(RandomGenerator generator) {
    rng = generator;
    lastAction = 0;
    rules.reset(rng);
    guard.onReset();
    return new Reset<>(observation(), Map.of());
  }

  @Override
  public Step<int[]> step(Integer action) {
    guard.beforeStep(actionSpace, action);
    // Environment.act: the sticky draw happens on every frame, before the game's own draws.
    int a = actionSet[action];
    if (rng.nextDouble() < config.stickyActionProb()) {
      a = lastAction;
    }
    lastAction = a;
    int reward = rules.act(a, rng);
    boolean terminal = rules.terminal();
    guard.afterStep(terminal, false);
    return new Step<>(observation(), reward, terminal, false, Map.of());
  }

  /** The current grid as the reference's {@code state()}: a fresh row-major (10, 10, C) array of 0/1. */
  public int[] observation() {
    int[] obs = new int[MinAtarGame.SIZE * MinAtarGame.SIZE * channels];
    rules.render(obs);
    return obs;
  }

  @Override
  public MinAtarScene scene() {
    int[] obs = observation();
    boolean[] cells = new boolean[obs.length];
    for (int i = 0; i < obs.length; i++) {
      cells[i] = obs[i] != 0;
    }
    return new MinAtarScene(rules.name(), rules.channels(), cells);
  }

  /** The channel names in channel order, e.g. {@code [paddle, ball, trail, brick]} for Breakout. */
  public List<String> channels() {
    return rules.channels();
  }

  /** The game. */
  public MinAtar.Game game() {
    return game;
  }

  /** The rules object, whose state the package's tests set up directly. */
  MinAtarGame rules() {
    return rules;
  }

  /** The full-set action (0..5) each action of {@link #actionSpace()} stands for. */
  public int[] actionSet() {
    return actionSet.clone();
  }

  /** The full-set action (0..5) applied on the last step (after stickiness); 0 before any. */
  public int lastAction() {
    return lastAction;
  }

  /** The reference's {@code difficulty_ramp()}: the ramp level, or -1 for games that do not ramp. */
  public int difficultyRamp() {
    return rules.difficultyRamp();
  }

  public Config config() {
    return config;
  }

  @Override
  public Space<int[]> observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actionSpace;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }
}
