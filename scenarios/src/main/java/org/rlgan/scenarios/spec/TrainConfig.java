package org.rlgan.scenarios.spec;

import org.rlgan.scenarios.config.Opt;

/** The training budget and how often to log. */
public record TrainConfig(
    @Opt(doc = "environment steps to train for", range = "[1, inf)") long steps,
    @Opt(doc = "environment steps between rows of metrics.csv and progress lines", def = "1000",
        range = "[1, inf)") long logEvery) {}
