package org.rlgan.nets.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/**
 * Adagrad (Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011, diagonal form). The update follows PyTorch's {@code torch.optim.Adagrad}
 * exactly; at a parameter's k-th update (k = 1, 2, ...) with learning rate η (from the schedule),
 * learning-rate decay δ, weight decay λ and ε:
 * <pre>
 *   g ← ∇θ + λθ                       (L2 weight decay)
 *   η̃ ← η / (1 + (k − 1)δ)
 *   s ← s + g²                        (s starts at the initial accumulator value)
 *   θ ← θ − η̃·g / (√s + ε)            (ε outside the square root)
 * </pre>
 * State slot: {@code sum}.
 */
public final class Adagrad implements Optimizer {
  private static final String SUM = "sum";

  /**
   * Adagrad hyperparameters (PyTorch defaults: lr 0.01, lrDecay 0, eps 1e-10, initial accumulator 0,
   * weight decay 0).
   *
   * @param lr the learning rate schedule
   * @param lrDecay δ ≥ 0: the learning rate at a parameter's k-th update is divided by 1 + (k − 1)δ
   * @param eps ε &gt; 0 added to √s for numerical stability
   * @param initialAccumulator s₀ ≥ 0, the starting value of every squared-gradient sum
   * @param weightDecay λ ≥ 0, L2 penalty added to the gradient as λθ
   */
  public record Config(LrSchedule lr, double lrDecay, double eps, double initialAccumulator, double weightDecay)
      implements Optimizer.Config {
    /** @throws IllegalArgumentException naming the field, its value and the allowed range */
    public Config {
      Check.notNull("Adagrad.Config.lr", lr);
      Check.nonNegative("Adagrad.Config.lrDecay", lrDecay);
      Check.positive("Adagrad.Config.eps", eps);
      Check.nonNegative("Adagrad.Config.initialAccumulator", initialAccumulator);
      Check.nonNegative("Adagrad.Config.weightDecay", weightDecay);
    }

    /** The same with a constant learning rate. */
    public Config(double lr, double lrDecay, double eps, double initialAccumulator, double weightDecay) {
      this(new LrSchedule.Constant(lr), lrDecay, eps, initialAccumulator, weightDecay);
    }

    /** PyTorch's defaults with the given learning rate. */
    public static Config of(double lr) {
      return new Config(lr, 0, 1e-10, 0, 0);
    }

    @Override
    public Adagrad build() {
      return new Adagrad(this);
    }
  }

  private final Config config;
  private final StateTable state;
  private long iterations;

  private Adagrad(Config config) {
    this.config = config;
    this.state = new StateTable("Adagrad", List.of(SUM), new double[] {config.initialAccumulator()});
  }

  @Override
  public void step(List<Tensor> params) {
    double lr = learningRate();
    double wd = config.weightDecay();
    double eps = config.eps();
    for (StateTable.Grad pg : state.gradients(params)) {
      StateTable.Entry s = state.entry(pg.param());
      s.step++;
      double clr = lr / (1 + (s.step - 1) * config.lrDecay());       // η̃ = η / (1 + (k − 1)δ)
      HostLoop.run(pg.param().value(), pg.grad(), new INDArray[] {s.slot(SUM)}, (theta, grad, st, n) -> {
        double[] sum = st[0];
        for (int i = 0; i < n; i++) {
          double g = grad[i] + wd * theta[i];                          // g + λθ
          sum[i] += g * g;                                             // s ← s + g²
          theta[i] -= clr * g / (Math.sqrt(sum[i]) + eps);             // θ ← θ − η̃g/(√s + ε)
        }
      });
    }
    iterations++;
  }

  @Override
  public Adagrad copy() {
    return config.build();
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  public long iterations() {
    return iterations;
  }

  /** The scheduled learning rate η for the next step, before each parameter's lrDecay division. */
  @Override
  public double learningRate() {
    return config.lr().at(iterations);
  }

  @Override
  public Map<String, INDArray> state(Map<String, Tensor> params) {
    return state.export(params, iterations);
  }

  @Override
  public void loadState(Map<String, Tensor> params, Map<String, INDArray> saved) {
    iterations = state.load(params, saved);
  }

  @Override
  public String toString() {
    return "Adagrad(" + config + ", iterations=" + iterations + ")";
  }
}
