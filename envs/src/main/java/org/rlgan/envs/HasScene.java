package org.rlgan.envs;

/** An environment that can describe what is on screen (every built-in one does). */
public interface HasScene {

  /** A snapshot of the current state as plain data for the renderer. */
  Scene scene();
}
