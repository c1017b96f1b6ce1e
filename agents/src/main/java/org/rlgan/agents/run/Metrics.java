package org.rlgan.agents.run;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The state of a run after one vector step, with the metric records written at this step (the lines of
 * {@code metrics.jsonl}: {@code "episode"}, {@code "train"}, {@code "eval"}; usually none).
 *
 * @param step environment steps so far, all sub-environments
 * @param episodes finished training episodes
 * @param updates gradient updates so far
 * @param epsilon the exploration rate used at this step
 * @param records this step's metric records, each an ordered map whose first entry is {@code "event"}
 */
public record Metrics(long step, long vectorSteps, long episodes, long updates, double epsilon,
    List<Map<String, Object>> records) {

  /** The mean return of the evaluation done at this step, if one was. */
  public OptionalDouble evalMeanReturn() {
    for (Map<String, Object> r : records) {
      if ("eval".equals(r.get("event"))) {
        return OptionalDouble.of(((Number) r.get("mean_return")).doubleValue());
      }
    }
    return OptionalDouble.empty();
  }
}
