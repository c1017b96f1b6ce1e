package org.rlgan.scenarios.spec;

import org.rlgan.scenarios.config.Opt;

/** Greedy evaluation on a separate environment instance with its own seeds. */
public record EvalConfig(
    @Opt(doc = "environment steps between evaluations (rounded up to a multiple of train.log_every); "
        + "0: only at the end", def = "0", range = "[0, inf)") long every,
    @Opt(doc = "episodes per evaluation", def = "10", range = "[1, 100000]") int episodes,
    @Opt(doc = "step limit of one evaluation episode (guards against a greedy policy that loops)",
        def = "1000", range = "[1, inf)") long maxEpisodeSteps) {}
