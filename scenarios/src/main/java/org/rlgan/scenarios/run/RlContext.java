package org.rlgan.scenarios.run;

import java.nio.file.Path;
import org.rlgan.mdp.Env;
import org.rlgan.scenarios.spec.RlScenario;

/**
 * What an {@link AgentRunner} gets: the resolved scenario, its run folder, the two tables and the progress line.
 *
 * @param resumeFrom the run folder to continue from (its checkpoints/), or null for a fresh run
 * @param live the renderer thread to hand policy snapshots to ({@code --render}), or null
 */
public record RlContext(RlScenario scenario, RunFolder folder, Csv metrics, Csv eval, Progress progress,
    Path resumeFrom, LiveRender live) {

  /** A context without a live view. */
  public RlContext(RlScenario scenario, RunFolder folder, Csv metrics, Csv eval, Progress progress,
      Path resumeFrom) {
    this(scenario, folder, metrics, eval, progress, resumeFrom, null);
  }

  /** A new instance of the scenario's environment (its id and options, through the registry, then its wrappers). */
  public Env<?, ?> newEnv() {
    return scenario.env().make();
  }

  public String label() {
    return scenario.name();
  }
}
