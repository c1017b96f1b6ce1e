package org.rlgan.scenarios.run;

import java.util.Map;

/**
 * What a training run reports for summary.json.
 *
 * @param extra runner-specific entries (e.g. {@code q_error}), written as they are
 */
public record RlResult(long envSteps, long episodes, double finalEvalReturnMean, double bestEvalReturnMean,
    Map<String, Object> extra) {}
