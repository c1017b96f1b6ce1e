package org.rlgan.scenarios.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one trial ended, as the driver records it in the manifest.
 *
 * @param id the trial's {@link Trial#id()}
 * @param state {@link State#FINISHED} or {@link State#FAILED} (never pending or running: a result is an end)
 * @param error why it failed (the exception's message, or the exit code of a trial process), null when finished
 * @param summary the trial's summary.json as plain JSON values (String, Number, Boolean, List, Map, null); empty
 *     when the trial failed before writing one
 * @param wallSeconds wall-clock seconds the trial took in this attempt, including the start of its process
 */
public record TrialResult(String id, State state, String error, Map<String, Object> summary, double wallSeconds)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A trial's state in the manifest; results carry only the last two. */
  public enum State {
    /** not started yet. */
    PENDING,
    /** started and not ended (or its driver was stopped while it ran: rerun on resume). */
    RUNNING,
    /** ran to completion; summary.json is complete. Skipped on resume. */
    FINISHED,
    /** threw, or its process died; rerun on resume. */
    FAILED
  }

  public TrialResult {
    if (state != State.FINISHED && state != State.FAILED) {
      throw new IllegalArgumentException("a trial result is finished or failed, not " + state);
    }
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary == null ? Map.of() : summary));
  }

  public static TrialResult finished(String id, Map<String, Object> summary, double wallSeconds) {
    return new TrialResult(id, State.FINISHED, null, summary, wallSeconds);
  }

  public static TrialResult failed(String id, String error, Map<String, Object> summary, double wallSeconds) {
    return new TrialResult(id, State.FAILED, error, summary, wallSeconds);
  }
}
