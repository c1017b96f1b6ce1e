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
 */
public record RunOptions(Path resume, PrintStream err, boolean terminal, Path cwd) {}
