package org.rlgan.envs.wrappers;

import java.util.Arrays;

/**
 * Running mean and variance of vectors (Chan et al.'s parallel update, as Gymnasium's {@code RunningMeanStd}:
 * count starts at 1e-4, mean at 0, variance at 1). {@link Snapshot} is what a checkpoint saves so evaluation can
 * use frozen statistics.
 */
public final class RunningMeanStd {

  /** The statistics as plain data. */
  public record Snapshot(double[] mean, double[] var, double count) {
    public Snapshot {
      if (mean.length != var.length || !(count > 0)) {
        throw new IllegalArgumentException("RunningMeanStd.Snapshot: mean has " + mean.length + " entries, var "
            + var.length + ", count " + count + "; lengths must match and count be positive");
      }
      mean = mean.clone();
      var = var.clone();
    }
  }

  private final double[] mean;
  private final double[] var;
  private double count = 1e-4;

  public RunningMeanStd(int size) {
    this.mean = new double[size];
    this.var = new double[size];
    Arrays.fill(var, 1.0);
  }

  /** Adds one sample. */
  public void update(double[] x) {
    if (x.length != mean.length) {
      throw new IllegalArgumentException("RunningMeanStd: sample has " + x.length + " values, expected " + mean.length);
    }
    double tot = count + 1;
    for (int i = 0; i < x.length; i++) {
      double delta = x[i] - mean[i];
      mean[i] += delta / tot;
      double m2 = var[i] * count + delta * delta * count / tot;
      var[i] = m2 / tot;
    }
    count = tot;
  }

  /** Adds one scalar sample (size 1). */
  public void update(double x) {
    update(new double[] {x});
  }

  public double mean(int i) {
    return mean[i];
  }

  public double var(int i) {
    return var[i];
  }

  public double count() {
    return count;
  }

  public Snapshot snapshot() {
    return new Snapshot(mean, var, count);
  }

  /** The statistics as {@code mean}, {@code var} and {@code count} entries of a {@link StatefulWrapper} state. */
  void saveInto(java.util.Map<String, double[]> state) {
    state.put("mean", mean.clone());
    state.put("var", var.clone());
    state.put("count", new double[] {count});
  }

  /** The reverse of {@link #saveInto}. */
  void loadFrom(java.util.Map<String, double[]> state, String owner) {
    restore(new Snapshot(StatefulWrapper.entry(state, "mean", mean.length, owner),
        StatefulWrapper.entry(state, "var", var.length, owner), StatefulWrapper.entry(state, "count", 1, owner)[0]));
  }

  /** Replaces the statistics with a saved snapshot. */
  public void restore(Snapshot s) {
    if (s.mean().length != mean.length) {
      throw new IllegalArgumentException("RunningMeanStd: snapshot has " + s.mean().length + " values, expected "
          + mean.length);
    }
    System.arraycopy(s.mean(), 0, mean, 0, mean.length);
    System.arraycopy(s.var(), 0, var, 0, var.length);
    count = s.count();
  }
}
