package org.rlgan.scenarios.spec;

import java.util.List;
import java.util.Map;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.scenarios.config.Opt;

/**
 * The environment: a registry id, its options (Gymnasium's keyword names; {@code max_episode_steps} sets the
 * time limit) and the wrappers around it, innermost first. See {@code workbench list envs} and docs/envs.md.
 */
public record EnvConfig(
    @Opt(doc = "the environment id, e.g. FrozenLake-v1, Taxi-v3, CartPole-v1", choices = "env") String id,
    @Opt(doc = "keyword options of the environment (docs/envs.md), e.g. {is_slippery: false}", def = "{}")
    Map<String, Object> options,
    @Opt(doc = "wrappers applied in order, each {type: normalize_observation | normalize_reward | frame_stack | "
        + "clip_reward | sticky_actions | one_hot_observation | discretize_actions, ...}", def = "[]")
    List<WrapperSpec> wrappers) {

  /** The environment alone, without wrappers. */
  public EnvConfig(String id, Map<String, Object> options) {
    this(id, options, List.of());
  }

  /** A new instance: the registry's environment with the wrappers applied in order. */
  public Env<?, ?> make() {
    Env<?, ?> env = Registry.builtin().make(id, options);
    for (WrapperSpec w : wrappers) {
      env = w.wrap(env);
    }
    return env;
  }
}
