package org.rlgan.scenarios.run;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to run a loaded scenario.
 *
 * @param resume an existing run folder to continue in (null: a new folder under the scenario's output root)
 * @param err where progress goes
 * @param terminal whether {@code err} is a terminal (progress redrawn in place)
 * @param cwd where git is asked for the commit
 * @param render the live view or recording of evaluation episodes ({@code --render}, {@code --record}), or null
 */
public record RunOptions(Path resume, PrintStream err, boolean terminal, Path cwd, LiveRender.Settings render) {

  /** Options without a live view. */
  public RunOptions(Path resume, PrintStream err, boolean terminal, Path cwd) {
    this(resume, err, terminal, cwd, null);
  }
}
