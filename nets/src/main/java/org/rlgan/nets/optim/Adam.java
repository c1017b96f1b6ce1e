package org.rlgan.nets.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1) with bias
 * correction, the AMSGrad variant (Reddi, Kale &amp; Kumar, "On the Convergence of Adam and Beyond", ICLR
 * 2018) and L2 weight decay. The update follows PyTorch's {@code torch.optim.Adam} exactly; at a
 * parameter's k-th update (k = 1, 2, ...) with learning rate η (from the schedule):
 * <pre>
 *   g ← ∇θ + λθ                              (L2 weight decay; see {@link AdamW} for the decoupled form)
 *   m ← β₁m + (1 − β₁)g
 *   v ← β₂v + (1 − β₂)g²
 *   v̄ ← max(v̄, v)                           (AMSGrad only; then v̄ replaces v below)
 *   θ ← θ − (η / (1 − β₁ᵏ)) · m / (√v / √(1 − β₂ᵏ) + ε)
 * </pre>
 * That is θ −= η·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵏ), v̂ = v/(1 − β₂ᵏ): ε is added outside the square root
 * and after bias correction, as in the paper and PyTorch (TensorFlow's Keras Adam adds ε to √v before
 * correcting, its "epsilon hat"). k counts the parameter's own updates, so a parameter that had no
 * gradient for some steps is bias-corrected for the updates it received.
 *
 * <p>State slots: {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with AMSGrad.
 */
public final class Adam implements Optimizer {
  private static final String EXP_AVG = "exp_avg";
  private static final String EXP_AVG_SQ = "exp_avg_sq";
  private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

  /**
   * Adam hyperparameters (PyTorch defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0,
   * amsgrad off).
   *
   * @param lr the learning rate schedule
   * @param beta1 β₁ ∈ [0, 1), decay of the first-moment average
   * @param beta2 β₂ ∈ [0, 1), decay of the second-moment average
   * @param eps ε &gt; 0, added to √v̂
   * @param weightDecay λ ≥ 0, L2 penalty added to the gradient as λθ (so it is rescaled by the adaptive
   *     denominator; use {@link AdamW} for weight decay that is not)
   * @param amsgrad use the running maximum of v (AMSGrad)
   */
  public record Config(LrSchedule lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
      implements Optimizer.Config {
    /** @throws IllegalArgumentException naming the field, its value and the allowed range */
    public Config {
      validate("Adam.Config", lr, beta1, beta2, eps, weightDecay);
    }

    /** The same with a constant learning rate. */
    public Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
      this(new LrSchedule.Constant(lr), beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** PyTorch's defaults with the given learning rate. */
    public static Config of(double lr) {
      return new Config(lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /** PyTorch's defaults with the given learning rate schedule. */
    public static Config of(LrSchedule lr) {
      return new Config(lr, 0.9, 0.999, 1e-8, 0, false);
    }

    @Override
    public Adam build() {
      return new Adam(this, false, "Adam");
    }
  }

  static void validate(String owner, LrSchedule lr, double beta1, double beta2, double eps, double weightDecay) {
    Check.notNull(owner + ".lr", lr);
    Check.inHalfOpen(owner + ".beta1", beta1, 0, 1);
    Check.inHalfOpen(owner + ".beta2", beta2, 0, 1);
    Check.positive(owner + ".eps", eps);
    Check.nonNegative(owner + ".weightDecay", weightDecay);
  }

  private final Config config;
  private final boolean decoupled;
  private final String name;
  private final StateTable state;
  private long iterations;

  /** @param decoupled apply weight decay as θ ← θ(1 − ηλ) (AdamW) instead of adding λθ to the gradient */
  Adam(Config config, boolean decoupled, String name) {
    this.config = config;
    this.decoupled = decoupled;
    this.name = name;
    this.state = config.amsgrad()
        ? new StateTable(name, List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ), new double[3])
        : new StateTable(name, List.of(EXP_AVG, EXP_AVG_SQ), new double[2]);
  }

  @Override
  public void step(List<Tensor> params) {
    double lr = learningRate();
    double b1 = config.beta1();
    double b2 = config.beta2();
    double eps = config.eps();
    double wd = config.weightDecay();
    boolean amsgrad = config.amsgrad();
    for (StateTable.Grad pg : state.gradients(params)) {
      StateTable.Entry s = state.entry(pg.param());
      long k = ++s.step;
      double stepSize = lr / (1 - Math.pow(b1, k));                   // η / (1 − β₁ᵏ)
      double sqrtBc2 = Math.sqrt(1 - Math.pow(b2, k));                 // √(1 − β₂ᵏ)
      INDArray[] slots = amsgrad
          ? new INDArray[] {s.slot(EXP_AVG), s.slot(EXP_AVG_SQ), s.slot(MAX_EXP_AVG_SQ)}
          : new INDArray[] {s.slot(EXP_AVG), s.slot(EXP_AVG_SQ)};
      HostLoop.run(pg.param().value(), pg.grad(), slots, (theta, grad, st, n) -> {
        double[] m = st[0];
        double[] v = st[1];
        for (int i = 0; i < n; i++) {
          double g = grad[i];
          if (wd != 0) {
            if (decoupled) {
              theta[i] *= 1 - lr * wd;                                 // θ ← θ(1 − ηλ)  (Loshchilov & Hutter, Alg. 2 l. 12)
            } else {
              g += wd * theta[i];                                      // g ← g + λθ
            }
          }
          m[i] = b1 * m[i] + (1 - b1) * g;                             // m ← β₁m + (1 − β₁)g
          v[i] = b2 * v[i] + (1 - b2) * g * g;                         // v ← β₂v + (1 − β₂)g²
          double vUsed = v[i];
          if (amsgrad) {
            st[2][i] = Math.max(st[2][i], v[i]);                       // v̄ ← max(v̄, v)
            vUsed = st[2][i];
          }
          theta[i] -= stepSize * m[i] / (Math.sqrt(vUsed) / sqrtBc2 + eps); // θ ← θ − η·m̂/(√v̂ + ε)
        }
      });
    }
    iterations++;
  }

  @Override
  public Adam copy() {
    return new Adam(config, decoupled, name); // config.build() for a public Adam; AdamW's core keeps its flag
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  public long iterations() {
    return iterations;
  }

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
    return name + "(" + config + ", iterations=" + iterations + ")";
  }
}
