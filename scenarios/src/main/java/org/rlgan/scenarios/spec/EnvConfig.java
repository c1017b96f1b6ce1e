package org.rlgan.scenarios.spec;

import java.util.Map;
import org.rlgan.scenarios.config.Opt;

/**
 * The environment: a registry id and its options (Gymnasium's keyword names; {@code max_episode_steps} sets the
 * time limit). See {@code workbench list envs} and docs/envs.md.
 */
public record EnvConfig(
    @Opt(doc = "the environment id, e.g. FrozenLake-v1, Taxi-v3, CartPole-v1", choices = "env") String id,
    @Opt(doc = "keyword options of the environment (docs/envs.md), e.g. {is_slippery: false}", def = "{}")
    Map<String, Object> options) {}
