package org.rlgan.mdp.tabular;

/**
 * A progress report of tabular learning.
 *
 * @param step environment steps so far
 * @param episodes completed episodes
 * @param meanReturn the mean return of the episodes completed since the last report (NaN if none)
 * @param qError ‖Q − Q*‖∞ over the states visited so far, when the exact model is known (else NaN)
 * @param optimalFraction the fraction of visited states whose greedy action is optimal (in Q*'s optimal set),
 *     when the exact model is known (else NaN)
 */
public record TabularProgress(long step, long episodes, double meanReturn, double qError, double optimalFraction) {}
