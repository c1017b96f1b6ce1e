package org.rlgan.mdp.solve;

/**
 * What relative value iteration returns for an undiscounted, average-reward problem.
 *
 * @param solver which solver and mode produced it
 * @param gain the optimal average reward per step (in compatibility mode, pymdptoolbox's {@code average_reward})
 * @param gainLower a lower bound on the optimal gain (min of the last change)
 * @param gainUpper an upper bound on the optimal gain (max of the last change)
 * @param bias the relative values h, with h(reference state) = 0 (in compatibility mode, pymdptoolbox's V)
 * @param policy the greedy policy of the last backup
 * @param iterations sweeps
 * @param span the span of the last change, max − min
 */
public record AverageRewardSolution(
    String solver, double gain, double gainLower, double gainUpper, double[] bias, int[] policy, int iterations,
    double span) {}
