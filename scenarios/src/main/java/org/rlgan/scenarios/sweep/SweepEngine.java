package org.rlgan.scenarios.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the trials of a sweep. The command line's {@code sweep} builds the trials (from the {@code sweep:} block), keeps the
 * manifest and hands the engine only the trials still to run; the engine decides where and how they run.
 *
 * <p>The contract, for every engine (the local one here, a Spark one in its own module):
 * <ul>
 *   <li>Each trial runs with {@link TrialExecutor#execute(Trial, Path, java.io.PrintStream)} (or does exactly
 *       what it does, in another process) into {@code outputRoot.resolve(trial.dir())}. Trials are independent:
 *       nothing is shared between them but the output root, and each one's numbers depend only on its
 *       {@link Trial} (same trial, same numbers, on any engine).</li>
 *   <li>The engine calls {@link Listener#started} when a trial begins and {@link Listener#finished} exactly once
 *       per trial it was given, with a {@link TrialResult} (a trial that throws or whose process dies is a
 *       {@code FAILED} result, never an exception out of {@code run}). Calls may come from any thread; the
 *       listener (the driver) serialises them and rewrites the manifest atomically.</li>
 *   <li>{@code run} returns when every given trial has a result. An engine may retry a trial whose worker died
 *       (Spark's task retries) before reporting it; it must not report one trial twice.</li>
 *   <li>A trial folder that already exists is continued, not replaced: {@code execute} treats it as
 *       {@code --resume} does (a complete run is left as it is; an unfinished DQN run continues from its last
 *       checkpoint; tabular and mdp runs rerun from step 0), so a rerun after a crash gives the numbers of an
 *       uninterrupted run.</li>
 * </ul>
 *
 * <p>{@code outputRoot} is the sweep folder (it holds {@code manifest.json}); trial folders are relative to it. An
 * engine whose workers cannot see that path (a cluster with HDFS or S3A) runs each trial under a local scratch
 * root and copies {@code trial.dir()} up afterwards; the relative layout is the same.
 */
public interface SweepEngine {

  /** What the driver hears about each trial. */
  interface Listener {

    /** The trial is about to run (state {@code running} in the manifest). */
    void started(Trial trial);

    /** The trial ended; called exactly once per trial given to {@link #run}. */
    void finished(Trial trial, TrialResult result);
  }

  /**
   * Runs {@code trials} under {@code outputRoot}; returns when all have ended.
   *
   * @throws InterruptedException if the driver was interrupted; trials still running are stopped, and they stay
   *     {@code running} in the manifest so {@code --resume} reruns them
   */
  void run(List<Trial> trials, Path outputRoot, Listener listener) throws InterruptedException;

  /** A short name for messages ("local, 2 processes"). */
  String describe();
}
