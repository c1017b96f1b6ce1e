package org.rlgan.nets.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/**
 * Stochastic gradient descent with optional momentum (Polyak's heavy ball, in the form of Sutskever et al.,
 * "On the importance of initialization and momentum in deep learning", ICML 2013), Nesterov momentum and
 * L2 weight decay. The update follows PyTorch's {@code torch.optim.SGD} exactly; at step t with learning
 * rate η (from the schedule), momentum μ, dampening τ and weight decay λ:
 * <pre>
 *   g ← ∇θ + λθ                                  (L2 weight decay, added to the gradient)
 *   b ← g                         at a parameter's first update
 *   b ← μb + (1 − τ)g             afterwards
 *   d ← g + μb  (Nesterov)   or   d ← b           (when μ ≠ 0; else d ← g)
 *   θ ← θ − ηd
 * </pre>
 * Note PyTorch's convention: η multiplies the buffer when it is applied, not when it is accumulated, so a
 * change of learning rate takes effect at once (the Sutskever form folds η into the buffer).
 *
 * <p>State slot (when μ ≠ 0): {@code momentum_buffer}.
 */
public final class Sgd implements Optimizer {
  private static final String BUFFER = "momentum_buffer";

  /**
   * SGD hyperparameters.
   *
   * @param lr the learning rate schedule (units of θ per unit of gradient)
   * @param momentum μ ∈ [0, 1); 0 turns momentum off
   * @param dampening τ ∈ [0, 1]: the momentum buffer adds (1 − τ)g
   * @param nesterov use Nesterov momentum (needs μ &gt; 0 and τ = 0, as in PyTorch)
   * @param weightDecay λ ≥ 0, the L2 penalty (λ/2)‖θ‖² added to the loss through its gradient λθ
   */
  public record Config(LrSchedule lr, double momentum, double dampening, boolean nesterov, double weightDecay)
      implements Optimizer.Config {
    /** @throws IllegalArgumentException naming the field, its value and the allowed range */
    public Config {
      Check.notNull("Sgd.Config.lr", lr);
      Check.inHalfOpen("Sgd.Config.momentum", momentum, 0, 1);
      Check.inClosed("Sgd.Config.dampening", dampening, 0, 1);
      Check.nonNegative("Sgd.Config.weightDecay", weightDecay);
      if (nesterov && (momentum <= 0 || dampening != 0)) {
        throw new IllegalArgumentException("Sgd.Config.nesterov = true needs momentum > 0 and dampening = 0; got momentum = "
            + momentum + ", dampening = " + dampening);
      }
    }

    /** The same with a constant learning rate. */
    public Config(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
      this(new LrSchedule.Constant(lr), momentum, dampening, nesterov, weightDecay);
    }

    /** Plain SGD: no momentum, no weight decay. */
    public static Config of(double lr) {
      return new Config(lr, 0, 0, false, 0);
    }

    /** SGD with momentum μ (dampening 0, not Nesterov, no weight decay). */
    public static Config momentum(double lr, double momentum) {
      return new Config(lr, momentum, 0, false, 0);
    }

    @Override
    public Sgd build() {
      return new Sgd(this);
    }
  }

  private final Config config;
  private final StateTable state;
  private long iterations;

  private Sgd(Config config) {
    this.config = config;
    this.state = config.momentum() != 0
        ? new StateTable("Sgd", List.of(BUFFER), new double[] {0})
        : new StateTable("Sgd", List.of(), new double[0]);
  }

  @Override
  public void step(List<Tensor> params) {
    double lr = learningRate();
    double mu = config.momentum();
    double wd = config.weightDecay();
    double dampening = config.dampening();
    boolean nesterov = config.nesterov();
    for (StateTable.Grad pg : state.gradients(params)) {
      StateTable.Entry s = state.entry(pg.param());
      boolean first = ++s.step == 1;
      INDArray[] slots = mu != 0 ? new INDArray[] {s.slot(BUFFER)} : new INDArray[0];
      HostLoop.run(pg.param().value(), pg.grad(), slots, (theta, grad, st, n) -> {
        for (int i = 0; i < n; i++) {
          double d = grad[i] + wd * theta[i];                          // g ← ∇θ + λθ
          if (mu != 0) {
            double[] b = st[0];
            b[i] = first ? d : mu * b[i] + (1 - dampening) * d;       // b₁ = g, then b ← μb + (1 − τ)g
            d = nesterov ? d + mu * b[i] : b[i];                       // d ← g + μb, or d ← b
          }
          theta[i] -= lr * d;                                          // θ ← θ − ηd
        }
      });
    }
    iterations++;
  }

  @Override
  public Sgd copy() {
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
    return "Sgd(" + config + ", iterations=" + iterations + ")";
  }
}
