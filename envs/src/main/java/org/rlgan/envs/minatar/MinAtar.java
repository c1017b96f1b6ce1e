package org.rlgan.envs.minatar;

import org.rlgan.envs.Registry;

/** Registers this family's environments (see the class Javadoc of each environment). */
public final class MinAtar {

  private MinAtar() {}

  /** Adds every environment of this family to {@code registry}. */
  public static void register(Registry registry) {
    // Filled in as the environments land.
  }
}
