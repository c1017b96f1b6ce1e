package org.rlgan.envs.wrappers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.DType;
import org.rlgan.mdp.spaces.Space;

/**
 * Normalises each observation element by running statistics: {@code (x − mean) / √(var + 1e-8)} (Gymnasium's
 * {@code NormalizeObservation}). The statistics update on every observation (reset and step) until
 * {@link #setUpdating(boolean) frozen}, e.g. for evaluation; {@link #statistics()} and {@link #restore} save and
 * load them with a checkpoint. Observations become float32 values in an unbounded box.
 */
public final class NormalizeObservation<A> extends ObservationWrapper<double[], A, double[]>
    implements StatefulWrapper {

  private static final double EPS = 1e-8;
  private final RunningMeanStd rms;
  private final Box space;
  private boolean updating = true;

  public NormalizeObservation(Env<double[], A> env) {
    super(env);
    if (!(env.observationSpace() instanceof Box b)) {
      throw new IllegalArgumentException("NormalizeObservation needs a Box observation space; " + env.spec().id()
          + " has " + env.observationSpace());
    }
    this.rms = new RunningMeanStd(b.size());
    this.space = Box.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, DType.FLOAT32, b.shape());
  }

  @Override
  protected double[] observation(double[] x) {
    if (updating) {
      rms.update(x);
    }
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) ((x[i] - rms.mean(i)) / Math.sqrt(rms.var(i) + EPS));
    }
    return y;
  }

  @Override
  public Map<String, double[]> saveState() {
    Map<String, double[]> m = new LinkedHashMap<>();
    rms.saveInto(m);
    return m;
  }

  @Override
  public void loadState(Map<String, double[]> state) {
    rms.loadFrom(state, "NormalizeObservation");
  }

  @Override
  public void setUpdating(boolean updating) {
    this.updating = updating;
  }

  public RunningMeanStd.Snapshot statistics() {
    return rms.snapshot();
  }

  public void restore(RunningMeanStd.Snapshot s) {
    rms.restore(s);
  }

  @Override
  public Space<double[]> observationSpace() {
    return space;
  }
}
