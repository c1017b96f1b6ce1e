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

/**
 * DQN on CartPole-v1 with rl-baselines3-zoo's hyperparameters ({@link DqnConfig#rlZooCartPole()}), evaluating the
 * greedy policy on 10 episodes every {@code evalEvery} steps and stopping once the mean reaches 475 (the env's
 * reward threshold). Prints each evaluation and the wall time.
 *
 * <pre>
 * java -cp CP org.rlgan.agents.examples.CartPoleDqn [seed=0] [maxSteps=50000] [evalEvery=1000] [outDir]
 * </pre>
 */
public final class CartPoleDqn {
  private CartPoleDqn() {}

  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 0;
    long maxSteps = args.length > 1 ? Long.parseLong(args[1]) : 50_000;
    long evalEvery = args.length > 2 ? Long.parseLong(args[2]) : 1_000;
    Path out = args.length > 3 ? Path.of(args[3]) : null;
    DqnConfig config = DqnConfig.rlZooCartPole();
    RunConfig run = RunConfig.of(maxSteps, seed).withEval(evalEvery, 10, 1_000_000L + seed).withLogEvery(1_000);
    Registry registry = Registry.builtin();
    DqnAgent agent = new DqnAgent(config, 4, 2, run.numEnvs(), seed);
    long t0 = System.nanoTime();
    Trainer trainer = new Trainer(run, () -> registry.make("CartPole-v1"), agent, out, config)
        .listener(m -> {
          m.evalMeanReturn().ifPresent(r -> System.out.printf(Locale.ROOT, "step %6d  eval mean %6.1f  updates %6d"
              + "  eps %.3f  wall %6.1f s%n", m.step(), r, m.updates(), m.epsilon(), (System.nanoTime() - t0) / 1e9));
          return true;
        })
        .listener(RunListener.stopAtEvalReturn(475));
    Trainer.Result r = trainer.train();
    System.out.printf(Locale.ROOT, "seed %d: %s at step %d (%d updates), best eval %.1f, wall %.1f s%n", seed,
        r.stoppedByListener() ? "reached 475" : "did not reach 475", r.steps(), r.updates(), r.bestEvalMeanReturn(),
        r.wallSeconds());
  }
}
