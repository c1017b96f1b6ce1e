package org.rlgan.agents.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.RunConfig;
import org.rlgan.agents.dqn.DqnAgent;
import org.rlgan.agents.run.RunListener;
import org.rlgan.agents.run.Trainer;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.Discrete;

/**
 * DQN with rl-baselines3-zoo's hyperparameters on a classic-control task ({@code CartPole-v1},
 * {@code Acrobot-v1}, {@code MountainCar-v0}), greedy evaluation on 10 episodes every {@code evalEvery} steps,
 * stopping at the first evaluation whose mean reaches {@code threshold} (default: issue 5's acceptance level,
 * 475, −100 and −120).
 *
 * <pre>
 * java -cp CP org.rlgan.agents.examples.ClassicControlDqn ID [seed=0] [maxSteps=rl-zoo's] [evalEvery=2000]
 *     [threshold] [outDir|-] [options]
 * </pre>
 * {@code options}: comma-separated changes to the preset, any of {@code double}, {@code dueling}, {@code per}
 * (α 0.6, β 0.4 → 1 over maxSteps), {@code nstep3}, {@code c51} (51 atoms on [0, 100] for CartPole, [−100, 0]
 * otherwise), {@code qr} (QR-DQN, 50 quantiles), {@code noisy} (σ0 0.5 and ε = 0).
 */
public final class ClassicControlDqn {
  private ClassicControlDqn() {}

  public static void main(String[] args) throws Exception {
    String id = args[0];
    DqnConfig config;
    long zooSteps;
    double goal;
    switch (id) {
      case "CartPole-v1" -> {
        config = DqnConfig.rlZooCartPole();
        zooSteps = 50_000;
        goal = 475;
      }
      case "Acrobot-v1" -> {
        config = DqnConfig.rlZooAcrobot();
        zooSteps = 100_000;
        goal = -100;
      }
      case "MountainCar-v0" -> {
        config = DqnConfig.rlZooMountainCar();
        zooSteps = 120_000;
        goal = -120;
      }
      default -> throw new IllegalArgumentException("no rl-zoo preset for " + id
          + "; use CartPole-v1, Acrobot-v1 or MountainCar-v0");
    }
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 0;
    long maxSteps = args.length > 2 ? Long.parseLong(args[2]) : zooSteps;
    long evalEvery = args.length > 3 ? Long.parseLong(args[3]) : 2_000;
    double threshold = args.length > 4 ? Double.parseDouble(args[4]) : goal;
    Path out = args.length > 5 && !args[5].equals("-") ? Path.of(args[5]) : null;
    if (args.length > 6) {
      for (String o : args[6].split(",")) {
        config = switch (o.trim()) {
          case "double" -> config.withDoubleQ(true);
          case "dueling" -> config.withDueling(true);
          case "per" -> config.withReplay(new DqnConfig.Replay(config.replay().capacity(),
              DqnConfig.Prioritized.of(maxSteps)));
          case "nstep3" -> config.withNStep(3);
          case "c51" -> config.withDistribution(id.equals("CartPole-v1") ? DqnConfig.Categorical.c51(0, 100)
              : DqnConfig.Categorical.c51(-100, 0));
          case "qr" -> config.withDistribution(new DqnConfig.Quantile(50));
          case "noisy" -> config.withNetwork(config.network().withNoisy(0.5))
              .withExploration(new DqnConfig.Exploration(0, 0, 1));
          default -> throw new IllegalArgumentException("unknown option '" + o + "'; options are double, dueling, "
              + "per, nstep3, c51, qr, noisy");
        };
      }
    }
    Registry registry = Registry.builtin();
    Env<?, ?> probe = registry.make(id);
    int width = ((Box) probe.observationSpace()).size();
    int actions = ((Discrete) probe.actionSpace()).n();
    RunConfig run = RunConfig.of(maxSteps, seed).withEval(evalEvery, 10, 1_000_000L + seed).withLogEvery(1_000);
    DqnAgent agent = new DqnAgent(config, width, actions, 1, seed);
    long t0 = System.nanoTime();
    Trainer.Result r = new Trainer(run, () -> registry.make(id), agent, out, config)
        .listener(m -> {
          m.evalMeanReturn().ifPresent(e -> System.out.printf(Locale.ROOT,
              "%s step %6d  eval mean %7.1f  updates %6d  eps %.3f  wall %6.1f s%n", id, m.step(), e, m.updates(),
              m.epsilon(), (System.nanoTime() - t0) / 1e9));
          return true;
        })
        .listener(RunListener.stopAtEvalReturn(threshold))
        .train();
    System.out.printf(Locale.ROOT, "%s seed %d: %s at step %d (%d updates), best eval %.1f, wall %.1f s%n", id, seed,
        r.stoppedByListener() ? "reached " + threshold : "did not reach " + threshold, r.steps(), r.updates(),
        r.bestEvalMeanReturn(), r.wallSeconds());
  }
}
