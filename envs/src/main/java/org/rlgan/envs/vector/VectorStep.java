package org.rlgan.envs.vector;

import java.util.List;
import java.util.Map;

/**
 * One step of every sub-environment. Arrays are fresh per call.
 *
 * @param observations row-major [numEnvs, width]
 * @param rewards per sub-environment
 * @param terminated per sub-environment
 * @param truncated per sub-environment
 * @param infos per sub-environment
 */
public record VectorStep(
    double[] observations, double[] rewards, boolean[] terminated, boolean[] truncated,
    List<Map<String, Object>> infos) {}
