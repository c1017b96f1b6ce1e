package org.rlgan.mdp.tabular;

/** Receives progress reports; returning false stops training (Stable-Baselines3's callbacks). */
@FunctionalInterface
public interface TabularListener {

  boolean onProgress(TabularProgress progress);
}
