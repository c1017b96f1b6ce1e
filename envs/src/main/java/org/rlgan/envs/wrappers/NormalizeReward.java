package org.rlgan.envs.wrappers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Step;

/**
 * Scales rewards by the running standard deviation of the discounted return (Gymnasium's
 * {@code NormalizeReward}): {@code G ← G·γ·(1 − terminated) + r}, statistics updated with G, reward returned as
 * {@code r / √(var(G) + 1e-8)}. Not centred. Freeze with {@link #setUpdating(boolean)}; save and load the
 * statistics with {@link #statistics()} and {@link #restore}.
 */
public final class NormalizeReward<O, A> extends RewardWrapper<O, A> implements StatefulWrapper {

  private static final double EPS = 1e-8;
  private final double gamma;
  private final RunningMeanStd rms = new RunningMeanStd(1);
  private double discountedReturn;
  private boolean updating = true;

  public NormalizeReward(Env<O, A> env, double gamma) {
    super(env);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("NormalizeReward: gamma is " + gamma + "; it must be in [0, 1]");
    }
    this.gamma = gamma;
  }

  @Override
  protected double reward(Step<O> s) {
    discountedReturn = discountedReturn * gamma * (s.terminated() ? 0 : 1) + s.reward();
    if (updating) {
      rms.update(discountedReturn);
    }
    return s.reward() / Math.sqrt(rms.var(0) + EPS);
  }

  /** The return statistics and the discounted return G, which carries over truncated episodes. */
  @Override
  public Map<String, double[]> saveState() {
    Map<String, double[]> m = new LinkedHashMap<>();
    rms.saveInto(m);
    m.put("discounted_return", new double[] {discountedReturn});
    return m;
  }

  @Override
  public void loadState(Map<String, double[]> state) {
    rms.loadFrom(state, "NormalizeReward");
    discountedReturn = StatefulWrapper.entry(state, "discounted_return", 1, "NormalizeReward")[0];
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
}
