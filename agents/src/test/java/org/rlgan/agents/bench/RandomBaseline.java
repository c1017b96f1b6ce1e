package org.rlgan.agents.bench;

import java.nio.file.Path;
import java.util.Map;
import org.rlgan.agents.Agent;
import org.rlgan.agents.RunConfig;
import org.rlgan.agents.run.Trainer;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Lxm;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.spaces.Discrete;

/**
 * The uniformly random policy's evaluation on an environment, through the same loop and evaluation seeds as the
 * examples (evaluation seed 1,000,000 + seed, {@code episodes} episodes). Not a test.
 *
 * <pre>java -cp CP org.rlgan.agents.bench.RandomBaseline MinAtar/Breakout-v1 [episodes=100] [seed=0]</pre>
 */
public final class RandomBaseline {
  public static void main(String[] args) throws Exception {
    String id = args[0];
    int episodes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
    Registry registry = Registry.builtin();
    int actions = ((Discrete) registry.make(id).actionSpace()).n();
    Lxm rng = Rngs.seeded(seed);
    Agent random = new Agent() {
      public void act(float[] obs, int n, long step, int[] out) {
        greedy(obs, n, out);
      }

      public void greedy(float[] obs, int n, int[] out) {
        for (int i = 0; i < n; i++) {
          out[i] = rng.nextInt(actions);
        }
      }

      public void observe(int env, float[] obs, int action, double reward, float[] nextObs, boolean terminated,
          boolean truncated, boolean replaying) {}

      public TrainStats afterStep(long step, long vectorSteps) {
        return TrainStats.NONE;
      }

      public double epsilon(long step) {
        return 1;
      }

      public void save(Path dir) {}

      public void load(Path dir) {}

      public void saveModel(Path dir) {}
    };
    Trainer.Result r = new Trainer(RunConfig.of(1, seed).withEval(1, episodes, 1_000_000L + seed), () ->
        registry.make(id, id.startsWith("MinAtar") ? Map.of("max_episode_steps", 10_000) : Map.of()), random, null,
        null).train();
    System.out.println(id + " uniformly random policy, " + episodes + " evaluation episodes: mean return "
        + r.lastEvalMeanReturn());
  }
}
