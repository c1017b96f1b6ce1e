package org.rlgan.nets.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/**
 * RMSProp (Tieleman &amp; Hinton, COURSERA "Neural Networks for Machine Learning", lecture 6.5, 2012), with
 * the centred variant and momentum of Graves, "Generating Sequences With Recurrent Neural Networks" (2013),
 * eqs. 38–41. The update follows PyTorch's {@code torch.optim.RMSprop} exactly; with learning rate η (from
 * the schedule), smoothing α, momentum μ, weight decay λ and ε:
 * <pre>
 *   g ← ∇θ + λθ                            (L2 weight decay)
 *   v ← αv + (1 − α)g²
 *   a ← αa + (1 − α)g                      (centred only)
 *   D ← √(v − a²) + ε   (centred)   or   D ← √v + ε
 *   b ← μb + g/D;  θ ← θ − ηb              (μ &gt; 0)
 *   θ ← θ − ηg/D                           (μ = 0)
 * </pre>
 *
 * <p><b>Epsilon convention.</b> PyTorch adds ε <em>outside</em> the square root, θ −= ηg/(√v + ε), and so
 * does this class. TensorFlow's {@code tf.compat.v1.train.RMSPropOptimizer} adds it <em>inside</em>,
 * θ −= ηg/√(v + ε), so the same ε means different things there (ε = 1e-8 inside is ε = 1e-4 outside at
 * v ≈ 0); convert when porting hyperparameters, e.g. from DQN papers that used TensorFlow.
 *
 * <p>State slots: {@code square_avg}, then {@code grad_avg} when centred, {@code momentum_buffer} when μ &gt; 0.
 */
public final class RmsProp implements Optimizer {
  private static final String SQUARE_AVG = "square_avg";
  private static final String GRAD_AVG = "grad_avg";
  private static final String BUFFER = "momentum_buffer";

  /**
   * RMSProp hyperparameters (PyTorch defaults: lr 0.01, alpha 0.99, eps 1e-8, weight decay 0, momentum 0,
   * not centred).
   *
   * @param lr the learning rate schedule
   * @param alpha α ∈ [0, 1), the smoothing constant of the squared-gradient average
   * @param eps ε &gt; 0, added outside the square root
   * @param momentum μ ∈ [0, 1); 0 turns momentum off
   * @param centered divide by an estimate of the gradient's standard deviation √(v − a²) instead of √v
   * @param weightDecay λ ≥ 0, L2 penalty added to the gradient as λθ
   */
  public record Config(LrSchedule lr, double alpha, double eps, double momentum, boolean centered,
      double weightDecay) implements Optimizer.Config {
    /** @throws IllegalArgumentException naming the field, its value and the allowed range */
    public Config {
      Check.notNull("RmsProp.Config.lr", lr);
      Check.inHalfOpen("RmsProp.Config.alpha", alpha, 0, 1);
      Check.positive("RmsProp.Config.eps", eps);
      Check.inHalfOpen("RmsProp.Config.momentum", momentum, 0, 1);
      Check.nonNegative("RmsProp.Config.weightDecay", weightDecay);
    }

    /** The same with a constant learning rate. */
    public Config(double lr, double alpha, double eps, double momentum, boolean centered, double weightDecay) {
      this(new LrSchedule.Constant(lr), alpha, eps, momentum, centered, weightDecay);
    }

    /** PyTorch's defaults with the given learning rate. */
    public static Config of(double lr) {
      return new Config(lr, 0.99, 1e-8, 0, false, 0);
    }

    @Override
    public RmsProp build() {
      return new RmsProp(this);
    }
  }

  private final Config config;
  private final StateTable state;
  private long iterations;

  private RmsProp(Config config) {
    this.config = config;
    List<String> slots = new ArrayList<>(List.of(SQUARE_AVG));
    if (config.centered()) {
      slots.add(GRAD_AVG);
    }
    if (config.momentum() > 0) {
      slots.add(BUFFER);
    }
    this.state = new StateTable("RmsProp", slots, new double[slots.size()]);
  }

  @Override
  public void step(List<Tensor> params) {
    double lr = learningRate();
    double alpha = config.alpha();
    double eps = config.eps();
    double wd = config.weightDecay();
    double mu = config.momentum();
    boolean centered = config.centered();
    for (StateTable.Grad pg : state.gradients(params)) {
      StateTable.Entry s = state.entry(pg.param());
      s.step++;
      // Slots in order: v, then a (centred only), then b (momentum only).
      INDArray[] slots = centered && mu > 0 ? new INDArray[] {s.slot(SQUARE_AVG), s.slot(GRAD_AVG), s.slot(BUFFER)}
          : centered ? new INDArray[] {s.slot(SQUARE_AVG), s.slot(GRAD_AVG)}
          : mu > 0 ? new INDArray[] {s.slot(SQUARE_AVG), s.slot(BUFFER)}
          : new INDArray[] {s.slot(SQUARE_AVG)};
      HostLoop.run(pg.param().value(), pg.grad(), slots, (theta, grad, st, n) -> {
        double[] v = st[0];
        double[] a = centered ? st[1] : null;
        double[] b = mu > 0 ? st[centered ? 2 : 1] : null;
        for (int i = 0; i < n; i++) {
          double g = grad[i] + wd * theta[i];                          // g + λθ
          v[i] = alpha * v[i] + (1 - alpha) * g * g;                   // v ← αv + (1 − α)g²
          double denom;
          if (centered) {
            a[i] = alpha * a[i] + (1 - alpha) * g;                     // a ← αa + (1 − α)g
            denom = Math.sqrt(v[i] - a[i] * a[i]) + eps;               // √(v − a²) + ε
          } else {
            denom = Math.sqrt(v[i]) + eps;                             // √v + ε  (PyTorch: ε outside the root)
          }
          if (b != null) {
            b[i] = mu * b[i] + g / denom;                              // b ← μb + g/D
            theta[i] -= lr * b[i];                                     // θ ← θ − ηb
          } else {
            theta[i] -= lr * g / denom;                                // θ ← θ − ηg/D
          }
        }
      });
    }
    iterations++;
  }

  @Override
  public RmsProp copy() {
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
    return "RmsProp(" + config + ", iterations=" + iterations + ")";
  }
}
