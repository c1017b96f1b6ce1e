package org.rlgan.mdp.tabular;

import java.util.ArrayList;
import java.util.List;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.mdp.spaces.Discrete;

/**
 * Runs a {@link TabularAgent} on an environment with discrete observations and actions. When the exact solution
 * of the same model is given, every report carries ‖Q − Q*‖∞ and the fraction of states whose greedy action is
 * optimal: the exact answer beside the learned one.
 */
public final class TabularTrainer {

  /**
   * @param reportEvery steps between progress reports
   * @param tieTolerance the tolerance of Q*'s optimal action sets
   */
  public record Config(long steps, long reportEvery, long seed, double tieTolerance) {
    public Config {
      if (steps <= 0 || reportEvery <= 0) {
        throw new IllegalArgumentException("steps is " + steps + " and reportEvery " + reportEvery
            + "; both must be positive");
      }
    }

    public static Config of(long steps, long seed) {
      return new Config(steps, Math.max(1, steps / 20), seed, 1e-9);
    }
  }

  private final Config config;
  private final List<TabularListener> listeners = new ArrayList<>();

  public TabularTrainer(Config config) {
    this.config = config;
  }

  public TabularTrainer listener(TabularListener l) {
    listeners.add(l);
    return this;
  }

  /**
   * Trains {@code agent} on {@code env} (reset with the configured seed, then continuing its generator).
   *
   * @param optimal the exact solution of the env's model, or null
   * @return the last progress report
   */
  public TabularProgress train(Env<Integer, Integer> env, TabularAgent agent, Solution optimal) {
    if (!(env.observationSpace() instanceof Discrete obs) || !(env.actionSpace() instanceof Discrete act)) {
      throw new IllegalArgumentException("tabular learning needs Discrete observation and action spaces; "
          + env.spec().id() + " has " + env.observationSpace() + " and " + env.actionSpace());
    }
    boolean onPolicy = agent.config().algorithm() == TabularConfig.Algorithm.SARSA;
    boolean[] visited = new boolean[obs.n()];
    Reset<Integer> first = env.reset(config.seed);
    int s = obs.index(first.observation());
    visited[s] = true;
    int a = agent.act(s);
    long episodes = 0;
    long episodesSinceReport = 0;
    double returnsSinceReport = 0;
    double episodeReturn = 0;
    TabularProgress last = null;
    for (long t = 1; t <= config.steps; t++) {
      Step<Integer> step = env.step(a + act.start());
      int s2 = obs.index(step.observation());
      visited[s2] = true;
      episodeReturn += step.reward();
      agent.tick();
      int a2;
      if (onPolicy) {
        // SARSA picks A' before updating with it.
        a2 = agent.act(s2);
        agent.update(s, a, step.reward(), s2, step.terminated(), a2);
      } else {
        agent.update(s, a, step.reward(), s2, step.terminated(), -1);
        a2 = -1;
      }
      if (step.done()) {
        episodes++;
        episodesSinceReport++;
        returnsSinceReport += episodeReturn;
        episodeReturn = 0;
        s2 = obs.index(env.reset().observation());
        visited[s2] = true;
        a2 = -1;
      }
      s = s2;
      a = a2 >= 0 ? a2 : agent.act(s);
      if (t % config.reportEvery == 0 || t == config.steps) {
        last = report(t, episodes, episodesSinceReport == 0 ? Double.NaN : returnsSinceReport / episodesSinceReport,
            agent, optimal, visited);
        episodesSinceReport = 0;
        returnsSinceReport = 0;
        boolean go = true;
        for (TabularListener l : listeners) {
          go &= l.onProgress(last);
        }
        if (!go) {
          break;
        }
      }
    }
    return last;
  }

  private TabularProgress report(long t, long episodes, double meanReturn, TabularAgent agent, Solution optimal,
      boolean[] visited) {
    if (optimal == null) {
      return new TabularProgress(t, episodes, meanReturn, Double.NaN, Double.NaN);
    }
    double err = 0;
    int good = 0;
    int seen = 0;
    for (int s = 0; s < visited.length; s++) {
      if (!visited[s]) {
        continue;
      }
      seen++;
      for (int a = 0; a < optimal.actions(); a++) {
        err = Math.max(err, Math.abs(agent.q(s, a) - optimal.q(s, a)));
      }
      int g = agent.greedy(s);
      for (int o : optimal.optimalActions(s, config.tieTolerance)) {
        if (o == g) {
          good++;
          break;
        }
      }
    }
    return new TabularProgress(t, episodes, meanReturn, err, seen == 0 ? Double.NaN : good / (double) seen);
  }
}
