package org.rlgan.mdp;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How an environment was registered (Gymnasium's {@code EnvSpec}): its id, the time limit the registry wraps it
 * in, the return at which a task counts as solved, whether its dynamics are deterministic given the seed and the
 * actions, and the keyword options it was made with.
 *
 * @param id the registry id, e.g. {@code "CartPole-v1"}
 * @param maxEpisodeSteps the step limit after which episodes are truncated, or empty for none
 * @param rewardThreshold the mean return that counts as solving the task, or empty
 * @param deterministic true when the transitions do not depend on the environment's random generator
 * @param options the keyword options (plain data: numbers, strings, booleans, lists, maps)
 */
public record EnvSpec(
    String id, OptionalInt maxEpisodeSteps, OptionalDouble rewardThreshold, boolean deterministic,
    Map<String, Object> options) {

  public EnvSpec {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("EnvSpec.id must be a non-empty id such as \"CartPole-v1\"");
    }
    if (maxEpisodeSteps.isPresent() && maxEpisodeSteps.getAsInt() <= 0) {
      throw new IllegalArgumentException(
          "EnvSpec.maxEpisodeSteps is " + maxEpisodeSteps.getAsInt() + " for " + id + ": give a positive limit or none");
    }
    // Unmodifiable, insertion-ordered, and null values allowed (Gymnasium options such as map_name=None).
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }

  /** A spec with no time limit, no threshold and no options. */
  public static EnvSpec of(String id, boolean deterministic) {
    return new EnvSpec(id, OptionalInt.empty(), OptionalDouble.empty(), deterministic, Map.of());
  }

  /** This spec with a different step limit. */
  public EnvSpec withMaxEpisodeSteps(int steps) {
    return new EnvSpec(id, OptionalInt.of(steps), rewardThreshold, deterministic, options);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("EnvSpec(").append(id);
    maxEpisodeSteps.ifPresent(m -> b.append(", max_episode_steps=").append(m));
    rewardThreshold.ifPresent(r -> b.append(", reward_threshold=").append(r));
    b.append(", deterministic=").append(deterministic);
    if (!options.isEmpty()) {
      b.append(", options=").append(options);
    }
    return b.append(')').toString();
  }
}
