package org.rlgan.scenarios.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.rlgan.agents.dqn.DqnAgent;
import org.rlgan.agents.dqn.QNetwork;
import org.rlgan.envs.HasScene;
import org.rlgan.envs.Registry;
import org.rlgan.envs.toytext.GridScene;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.model.HasTransitionModel;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.io.ParameterFiles;
import org.rlgan.render.play.Policies;
import org.rlgan.render.play.Policy;
import org.rlgan.render.scene.GridOverlay;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.spec.DqnSpec;
import org.rlgan.scenarios.spec.RlScenario;
import org.rlgan.scenarios.spec.TabularSpec;

/**
 * Wires trained agents into the renderer for {@code workbench play} and {@code run --render}: a run folder's
 * scenario gives the environment; its DQN network (best or last) or its tabular Q table gives the {@link Policy};
 * grid worlds get mdp-core's exact solution, and the learned Q table where there is one, as overlays.
 */
public final class Playback {

  /** Which saved network to play. */
  public enum Checkpoint {
    /** {@code checkpoints/best/}: the best greedy evaluation. */
    best,
    /** {@code checkpoints/final/}, or the periodic {@code checkpoints/checkpoint/} of an unfinished run. */
    last
  }

  /**
   * What to play.
   *
   * @param envs makes the environment (the scenario's id and options)
   * @param policy the policy to play
   * @param overlays grid overlays (exact and learned), empty elsewhere
   * @param source what was loaded, for the window title and the log
   */
  public record Loaded(Supplier<Env<?, ?>> envs, Policy policy, List<GridOverlay> overlays, String source) {}

  private Playback() {}

  /** A registry environment with a random policy (seeded), and the exact solution's overlay on grid worlds. */
  public static Loaded random(String envId, long seed) {
    Supplier<Env<?, ?>> envs = () -> Registry.builtin().make(envId);
    Env<?, ?> probe = envs.get();
    List<GridOverlay> overlays = new ArrayList<>();
    exact(probe, 0.99).ifPresent(overlays::add);
    return new Loaded(envs, Policies.random(probe.actionSpace(), seed), overlays, "random policy on " + envId);
  }

  /**
   * The agent of a run folder.
   *
   * @throws BadInputException when the folder, its scenario or the checkpoint is missing, or the agent cannot play
   */
  public static Loaded fromRun(Path runDir, Checkpoint which) throws IOException {
    Path yaml = runDir.resolve("scenario.yaml");
    if (!Files.isRegularFile(yaml)) {
      throw new BadInputException(Loc.of(runDir.toString()), "", "not a run folder: it has no scenario.yaml"
          + " (a run folder is what 'workbench run' prints, e.g. runs/cartpole-dqn/2026-01-01T12-00-00-s0)");
    }
    if (!(ScenarioLoader.load(yaml, List.of()).spec() instanceof RlScenario s)) {
      throw new BadInputException(Loc.of(yaml.toString()), "kind", "only kind: rl runs can be played");
    }
    Supplier<Env<?, ?>> envs = () -> s.env().make();
    RunFolder folder = new RunFolder(runDir);
    List<GridOverlay> overlays = new ArrayList<>();
    if (s.agent() instanceof DqnSpec dqn) {
      Path dir = folder.checkpoints().resolve(which == Checkpoint.best ? "best" : "final");
      if (which == Checkpoint.last && !Files.isRegularFile(dir.resolve("online.npz"))) {
        dir = folder.checkpoints().resolve("checkpoint");
      }
      Path npz = dir.resolve("online.npz");
      if (!Files.isRegularFile(npz)) {
        throw new BadInputException(Loc.of(npz.toString()), "--checkpoint", "no saved network here"
            + (which == Checkpoint.best ? "; the run has not evaluated yet, try --checkpoint last" : ""));
      }
      DqnAgent agent = new DqnRunner(dqn).newAgent(envs.get(), 1, s.seed());
      ParameterFiles.load(npz, agent.online(), null);
      exact(envs.get(), dqn.gamma()).ifPresent(overlays::add);
      Policy p = dqnPolicy(agent, "dqn " + which);
      learned(envs.get(), p).ifPresent(overlays::add);
      return new Loaded(envs, p, overlays, "dqn " + runDir.relativize(npz));
    }
    if (s.agent() instanceof TabularSpec tab) {
      Path csv = folder.checkpoints().resolve("q_table.csv");
      if (!Files.isRegularFile(csv)) {
        throw new BadInputException(Loc.of(csv.toString()), "", "no Q table in this run folder (did it finish?)");
      }
      double[][] q = readQ(csv);
      exact(envs.get(), tab.discount()).ifPresent(overlays::add);
      if (hasGrid(envs)) {
        overlays.add(GridOverlay.fromQ("learned Q", q));
      }
      return new Loaded(envs, tablePolicy(q, tab.type()), overlays, tab.type() + " " + runDir.relativize(csv));
    }
    throw new BadInputException(Loc.of(yaml.toString()), "agent.type", "this agent cannot be played yet");
  }

  private static boolean hasGrid(Supplier<Env<?, ?>> envs) {
    return hasGridScene(envs.get());
  }

  /** The greedy policy of a DQN agent's online network, with its Q-values for the overlay. */
  public static Policy dqnPolicy(DqnAgent agent, String name) {
    agent.online().clearNoise();
    return qPolicy(agent.online(), name);
  }

  /**
   * The greedy policy of a Q network (lowest action on ties), with its Q-values for the overlay. The network is
   * used from the renderer's thread only: pass a copy when a learner keeps training the original.
   */
  public static Policy qPolicy(QNetwork net, String name) {
    return new Policy() {
      @Override
      public Object act(double[] observation) {
        double[] q = qValues(observation);
        int best = 0;
        for (int a = 1; a < q.length; a++) {
          if (q[a] > q[best]) {
            best = a;
          }
        }
        return best;
      }

      @Override
      public double[] qValues(double[] observation) {
        float[] x = new float[observation.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) observation[i];
        }
        float[] q;
        try (Autograd.Scope ignored = Autograd.noGrad()) {
          q = net.values(x, 1);
        }
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) {
          out[i] = q[i];
        }
        return out;
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  /** The greedy policy of a Q table (state = the observation's single value). */
  static Policy tablePolicy(double[][] q, String name) {
    return new Policy() {
      @Override
      public Object act(double[] observation) {
        double[] row = q[(int) observation[0]];
        int best = 0;
        for (int a = 1; a < row.length; a++) {
          if (row[a] > row[best]) {
            best = a;
          }
        }
        return best;
      }

      @Override
      public double[] qValues(double[] observation) {
        return q[(int) observation[0]].clone();
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  /** TabularRunner's q_table.csv: a header {@code state,q0,q1,...}, then one row per state. */
  static double[][] readQ(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    double[][] q = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      q[i - 1] = new double[f.length - 1];
      for (int a = 1; a < f.length; a++) {
        q[i - 1][a - 1] = Double.parseDouble(f[a]);
      }
    }
    return q;
  }

  /**
   * The learned Q network's overlay on a grid world whose observations are one-hot states
   * ({@code env.wrappers: [{type: one_hot_observation}]}): V(s) = max Q(one_hot(s), ·) and its argmax, per state.
   */
  static java.util.Optional<GridOverlay> learned(Env<?, ?> env, Policy policy) {
    if (!(env instanceof org.rlgan.envs.wrappers.OneHotObservation<?>) || !hasGridScene(env)) {
      return java.util.Optional.empty();
    }
    int n = ((org.rlgan.mdp.spaces.Box) env.observationSpace()).size();
    double[][] q = new double[n][];
    for (int st = 0; st < n; st++) {
      double[] x = new double[n];
      x[st] = 1;
      q[st] = policy.qValues(x);
      if (q[st] == null) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(GridOverlay.fromQ("learned Q (" + policy.name() + ")", q));
  }

  private static boolean hasGridScene(Env<?, ?> env) {
    if (!(env.unwrapped() instanceof HasScene h)) {
      return false;
    }
    env.reset(0);
    return h.scene() instanceof GridScene;
  }

  /** The exact solution's overlay (policy iteration at {@code gamma}) for a grid world with a model. */
  static java.util.Optional<GridOverlay> exact(Env<?, ?> env, double gamma) {
    if (!(env.unwrapped() instanceof HasTransitionModel m) || !(env.unwrapped() instanceof HasScene)) {
      return java.util.Optional.empty();
    }
    if (!hasGridScene(env)) {
      return java.util.Optional.empty();
    }
    Solution sol = new PolicyIteration(PolicyIteration.Config.of(Math.min(gamma, 0.999))).solve(m.transitionModel());
    return java.util.Optional.of(new GridOverlay(String.format(java.util.Locale.ROOT, "exact V* (gamma %.3g)", gamma),
        sol.values(), sol.policy()));
  }
}
