package org.rlgan.agents;

/**
 * How a training run is driven, whatever the agent: budget, seeds, vector collection, evaluation, logging and
 * checkpoints. Counts are environment steps summed over sub-environments.
 *
 * @param totalSteps environment steps to train for
 * @param seed the run's seed: networks, exploration, replay sampling and the training environments' episode
 *     seeds all derive from it
 * @param numEnvs sub-environments stepped together (synchronously, on the calling thread)
 * @param evalEvery steps between greedy evaluations; 0 for none
 * @param evalEpisodes episodes per evaluation (played in lockstep on their own environments)
 * @param evalSeed the evaluation environments' seed: episode j of every evaluation is reset with
 *     {@code Rngs.derive(evalSeed, j)}, so evaluations are comparable
 * @param logEvery steps between "train" records (means over the interval) in the metrics file
 * @param checkpointEvery steps between resumable checkpoints; 0 for none
 */
public record RunConfig(
    long totalSteps, long seed, int numEnvs, long evalEvery, int evalEpisodes, long evalSeed, long logEvery,
    long checkpointEvery) {

  public RunConfig {
    Checks.atLeast("totalSteps", totalSteps, 1);
    Checks.atLeast("numEnvs", numEnvs, 1);
    Checks.atLeast("evalEvery", evalEvery, 0);
    Checks.atLeast("evalEpisodes", evalEpisodes, 1);
    Checks.atLeast("logEvery", logEvery, 1);
    Checks.atLeast("checkpointEvery", checkpointEvery, 0);
    if (evalEvery % numEnvs != 0 || logEvery % numEnvs != 0 || checkpointEvery % numEnvs != 0) {
      throw new IllegalArgumentException("evalEvery (" + evalEvery + "), logEvery (" + logEvery
          + ") and checkpointEvery (" + checkpointEvery + ") must be multiples of numEnvs (" + numEnvs
          + "): the loop advances numEnvs steps at a time");
    }
  }

  public static RunConfig of(long totalSteps, long seed) {
    return new RunConfig(totalSteps, seed, 1, 0, 10, seed + 1_000_003L, 1_000, 0);
  }

  public RunConfig withEval(long every, int episodes, long evalSeed) {
    return new RunConfig(totalSteps, seed, numEnvs, every, episodes, evalSeed, logEvery, checkpointEvery);
  }

  public RunConfig withCheckpointEvery(long every) {
    return new RunConfig(totalSteps, seed, numEnvs, evalEvery, evalEpisodes, evalSeed, logEvery, every);
  }

  public RunConfig withTotalSteps(long steps) {
    return new RunConfig(steps, seed, numEnvs, evalEvery, evalEpisodes, evalSeed, logEvery, checkpointEvery);
  }

  public RunConfig withNumEnvs(int n) {
    return new RunConfig(totalSteps, seed, n, evalEvery, evalEpisodes, evalSeed, logEvery, checkpointEvery);
  }

  public RunConfig withLogEvery(long every) {
    return new RunConfig(totalSteps, seed, numEnvs, evalEvery, evalEpisodes, evalSeed, every, checkpointEvery);
  }
}
