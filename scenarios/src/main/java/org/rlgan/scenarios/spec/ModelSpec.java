package org.rlgan.scenarios.spec;

import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.rlgan.envs.HasScene;
import org.rlgan.envs.Registry;
import org.rlgan.envs.toytext.GridScene;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.FiniteMdpEnv;
import org.rlgan.mdp.model.HasTransitionModel;
import org.rlgan.mdp.model.Problems;
import org.rlgan.scenarios.config.Opt;

/** The {@code model:} of an mdp scenario: an environment's transition model or a built-in problem. */
public interface ModelSpec {

  String type();

  Model build();

  /**
   * A finite model, with how to step it as an environment (for learners beside the solvers) and its grid shape.
   *
   * @param rows grid rows for heatmaps (0: not a grid)
   * @param cols grid columns (0: not a grid)
   */
  record Model(FiniteMdp mdp, String label, int rows, int cols, Supplier<Env<?, ?>> env) {}

  /** The transition model of a registry environment with one (FrozenLake, CliffWalking, Taxi). */
  record EnvModel(String type,
      @Opt(doc = "an environment with a transition model: FrozenLake-v1, FrozenLake8x8-v1, CliffWalking-v1, "
          + "Taxi-v3, ...", choices = "env") String id,
      @Opt(doc = "keyword options of the environment", def = "{}") Map<String, Object> options)
      implements ModelSpec {
    @Override
    public Model build() {
      Env<?, ?> env = Registry.builtin().make(id, options);
      if (!(env.unwrapped() instanceof HasTransitionModel h)) {
        throw new IllegalArgumentException(id + " has no transition model; model.type: env needs one of the "
            + "toy-text environments (FrozenLake, CliffWalking, Taxi)");
      }
      int rows = 0;
      int cols = 0;
      if (env.unwrapped() instanceof HasScene hs) {
        env.reset(0L);
        if (hs.scene() instanceof GridScene g) {
          rows = g.rows();
          cols = g.cols();
        }
      }
      return new Model(h.transitionModel(), id, rows, cols, () -> Registry.builtin().make(id, options));
    }
  }

  /** pymdptoolbox's forest management problem (action 0 waits, 1 cuts). */
  record Forest(String type,
      @Opt(doc = "the number of age classes S", def = "3", range = "[2, 100000000]") int states,
      @Opt(doc = "the reward for waiting in the oldest class", def = "4") double r1,
      @Opt(doc = "the reward for cutting in the oldest class", def = "2") double r2,
      @Opt(doc = "the probability of a fire per step", def = "0.1", range = "[0, 1]") double p)
      implements ModelSpec {
    @Override
    public Model build() {
      FiniteMdp m = Problems.forest(states, r1, r2, p);
      return new Model(m, "forest", 0, 0, () -> new FiniteMdpEnv(m, "forest", OptionalInt.empty()));
    }
  }

  /** The gambler's problem (Sutton &amp; Barto Ex. 4.3); undiscounted, solve with discount 1. */
  record Gambler(String type,
      @Opt(doc = "the capital goal", def = "100", range = "[2, 100000]") int goal,
      @Opt(doc = "the probability of heads", def = "0.4", range = "(0, 1)") double headsProbability)
      implements ModelSpec {
    @Override
    public Model build() {
      FiniteMdp m = Problems.gambler(goal, headsProbability);
      return new Model(m, "gambler", 0, 0, () -> new FiniteMdpEnv(m, "gambler", OptionalInt.empty()));
    }
  }

  /** Sutton &amp; Barto's 5 × 5 grid world (Ex. 3.5), continuing; the book uses discount 0.9. */
  record GridWorld(String type) implements ModelSpec {
    @Override
    public Model build() {
      FiniteMdp m = Problems.gridWorld();
      return new Model(m, "grid_world", 5, 5, () -> new FiniteMdpEnv(m, "grid_world", OptionalInt.of(100)));
    }
  }

  /** Sutton &amp; Barto's 4 × 4 grid world (Ex. 4.1), episodic, undiscounted. */
  record GridWorld4x4(String type) implements ModelSpec {
    @Override
    public Model build() {
      FiniteMdp m = Problems.gridWorld4x4();
      return new Model(m, "grid_world_4x4", 4, 4, () -> new FiniteMdpEnv(m, "grid_world_4x4", OptionalInt.of(100)));
    }
  }

  /** A random sparse model (the solver benchmark's). */
  record RandomSparse(String type,
      @Opt(doc = "states", range = "[1, 100000000]") int states,
      @Opt(doc = "actions", range = "[1, 10000]") int actions,
      @Opt(doc = "successors per state–action pair", def = "3", range = "[1, 10000]") int successors,
      @Opt(doc = "the generator seed", def = "0") long seed) implements ModelSpec {
    @Override
    public Model build() {
      FiniteMdp m = Problems.randomSparse(states, actions, successors, seed);
      return new Model(m, "random_sparse", 0, 0, () -> new FiniteMdpEnv(m, "random_sparse", OptionalInt.empty()));
    }
  }
}
