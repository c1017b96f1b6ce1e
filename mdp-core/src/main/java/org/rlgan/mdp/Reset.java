package org.rlgan.mdp;

import java.util.Map;

/** What {@link Env#reset} returns (Gymnasium 1.x): the first observation of an episode and an info map. */
public record Reset<O>(O observation, Map<String, Object> info) {

  public Reset {
    info = info == null ? Map.of() : info;
  }
}
