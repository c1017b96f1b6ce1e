package org.rlgan.scenarios.run;

/**
 * Trains one agent for a {@code kind: rl} scenario. The generic part of the run (folder, resolved scenario,
 * summary.json, plots from metrics.csv and eval.csv) is done around it by {@link RlRun}; a runner only trains,
 * evaluates and writes rows.
 *
 * <p>Contract: write one row per logging interval to {@link RlContext#metrics()} (column {@code step} first; a
 * {@code mean_return} column becomes the learning curve, every other numeric column gets its own plot, so a DQN
 * runner's {@code loss}, {@code epsilon} and {@code mean_q} are plotted without further code), one row per
 * evaluation to {@link RlContext#eval()} with columns {@code step, episodes, return_mean, return_std}, flush both
 * at each evaluation, report through {@link RlContext#progress()}, save checkpoints under
 * {@link RlContext#folder()}{@code .checkpoints()} and honour {@link RlContext#resumeFrom()}.
 */
public interface AgentRunner {

  /** The metrics.csv columns this runner writes ({@code step} first). */
  String[] metricColumns();

  RlResult train(RlContext ctx) throws Exception;
}
