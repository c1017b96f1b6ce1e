package org.rlgan.envs;

/**
 * A plain-data description of what an environment shows: positions, angles, the grid, the pixel channels. The
 * renderer draws from it; nothing here imports graphics. Each environment family defines its own records
 * (classic control, toy text, MinAtar), all immutable snapshots taken at the time of the call.
 */
public interface Scene {

  /** The family and layout of this scene, e.g. {@code "cartpole"}, {@code "grid"}, {@code "minatar"}. */
  String kind();
}
