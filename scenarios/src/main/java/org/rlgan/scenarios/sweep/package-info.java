/**
 * Sweeps: one scenario file with a {@code sweep:} block becomes many trials (a grid and/or random draws over
 * dotted keys, times seeds), each a self-contained, serialisable {@link org.rlgan.scenarios.sweep.Trial} run by a
 * {@link org.rlgan.scenarios.sweep.SweepEngine} with {@link org.rlgan.scenarios.sweep.TrialExecutor}, while the
 * driver keeps the manifest of every trial's state so {@code --resume} skips what finished and reruns the rest.
 *
 * <p>For a new engine (e.g. Spark): take the {@code List<Trial>} the driver gives you, run
 * {@code TrialExecutor.execute(trial, root, err)} for each where you like (Trial is {@link java.io.Serializable}
 * and needs no other state), and report each {@code TrialResult} through the
 * {@link org.rlgan.scenarios.sweep.SweepEngine.Listener} exactly once. Folders are relative to the output root.
 */
package org.rlgan.scenarios.sweep;
