package org.rlgan.agents.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.RunConfig;
import org.rlgan.agents.dqn.DqnAgent;
import org.rlgan.agents.run.Trainer;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.MultiBinary;

/**
 * DQN with MinAtar's network ({@link DqnConfig.Network#minAtar()}: Conv 16 3×3, Dense 128) on a MinAtar game, in the
 * spirit of the reference {@code examples/dqn.py} (Young and Tian 2019): batch 32, replay 100,000, target copy every
 * 1,000 steps, γ 0.99, ε 1 → 0.1 over the first {@code exploreSteps}, Huber; Adam 2.5e-4 instead of their
 * RMSProp, and one update every {@code trainFreq} steps. Evaluates the greedy policy on 10 episodes every
 * {@code evalEvery} steps (default options: sticky actions 0.1; episodes truncated at 10,000 steps).
 *
 * <pre>
 * java -cp CP org.rlgan.agents.examples.MinAtarDqn [game=Breakout] [steps=50000] [seed=0] [trainFreq=4]
 *     [evalEvery=10000] [exploreSteps=25000] [outDir]
 * </pre>
 */
public final class MinAtarDqn {
  private MinAtarDqn() {}

  /** The example's configuration: one update every {@code trainFreq} steps, ε 1 → 0.1 over {@code explore} steps. */
  public static DqnConfig config(int trainFreq, long explore) {
    return new DqnConfig(DqnConfig.Network.minAtar(), DqnConfig.Optimizer.adam(2.5e-4),
        new DqnConfig.Exploration(1.0, 0.1, explore), DqnConfig.TargetUpdate.hard(1_000),
        DqnConfig.Replay.uniform(100_000), 1, false, DqnConfig.LossKind.HUBER, 10.0, trainFreq, 1, 5_000, 32, 0.99,
        null);
  }

  public static void main(String[] args) throws Exception {
    String game = args.length > 0 ? args[0] : "Breakout";
    long steps = args.length > 1 ? Long.parseLong(args[1]) : 50_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
    int trainFreq = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    long evalEvery = args.length > 4 ? Long.parseLong(args[4]) : 10_000;
    long explore = args.length > 5 ? Long.parseLong(args[5]) : 25_000;
    Path out = args.length > 6 ? Path.of(args[6]) : null;
    String id = "MinAtar/" + game + "-v1";
    Registry registry = Registry.builtin();
    Env<?, ?> probe = registry.make(id);
    int[] shape = ((MultiBinary) probe.observationSpace()).shape();
    int actions = ((Discrete) probe.actionSpace()).n();
    DqnConfig config = config(trainFreq, explore);
    RunConfig run = RunConfig.of(steps, seed).withEval(evalEvery, 10, 1_000_000L + seed).withLogEvery(5_000);
    DqnAgent agent = new DqnAgent(config, shape, actions, 1, seed);
    long t0 = System.nanoTime();
    // The reference registers no time limit; a greedy Breakout player can keep the ball up for ever, so episodes
    // (training and evaluation) are truncated at 10,000 steps.
    Trainer.Result r = new Trainer(run, () -> registry.make(id, Map.of("max_episode_steps", 10_000)), agent, out,
        config)
        .listener(m -> {
          m.evalMeanReturn().ifPresent(e -> System.out.printf(Locale.ROOT,
              "%s step %7d  eval mean %6.2f  updates %7d  eps %.3f  wall %7.1f s%n", game, m.step(), e, m.updates(),
              m.epsilon(), (System.nanoTime() - t0) / 1e9));
          return true;
        })
        .train();
    System.out.printf(Locale.ROOT, "%s seed %d: %d steps, %d updates, best eval %.2f, last eval %.2f, wall %.1f s%n",
        game, seed, r.steps(), r.updates(), r.bestEvalMeanReturn(), r.lastEvalMeanReturn(), r.wallSeconds());
  }
}
