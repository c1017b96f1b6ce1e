package org.rlgan.nets.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019, Algorithm 2), following PyTorch's {@code torch.optim.AdamW} exactly. Each
 * update first shrinks the parameter, θ ← θ(1 − ηλ), then makes the {@link Adam} update with the raw
 * gradient (no λθ in g, so the decay is not rescaled by the adaptive denominator). Note PyTorch's
 * convention, kept here: the decay is multiplied by the scheduled learning rate η (the paper's schedule
 * multiplier η_t times λ, with the paper's α folded into η).
 *
 * <p>The update arithmetic is {@link Adam}'s (one implementation, with its decoupled flag set); this class
 * is the AdamW entry point and configuration name. State slots are Adam's.
 */
public final class AdamW implements Optimizer {

  /**
   * AdamW hyperparameters (PyTorch defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2,
   * amsgrad off).
   *
   * @param lr the learning rate schedule
   * @param beta1 β₁ ∈ [0, 1)
   * @param beta2 β₂ ∈ [0, 1)
   * @param eps ε &gt; 0, added to √v̂
   * @param weightDecay λ ≥ 0: each step multiplies θ by 1 − ηλ
   * @param amsgrad use the running maximum of v (AMSGrad)
   */
  public record Config(LrSchedule lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
      implements Optimizer.Config {
    /** @throws IllegalArgumentException naming the field, its value and the allowed range */
    public Config {
      Adam.validate("AdamW.Config", lr, beta1, beta2, eps, weightDecay);
    }

    /** The same with a constant learning rate. */
    public Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
      this(new LrSchedule.Constant(lr), beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** PyTorch's defaults (weight decay 1e-2) with the given learning rate. */
    public static Config of(double lr) {
      return new Config(lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    /** PyTorch's defaults with the given learning rate and weight decay. */
    public static Config of(double lr, double weightDecay) {
      return new Config(lr, 0.9, 0.999, 1e-8, weightDecay, false);
    }

    @Override
    public AdamW build() {
      return new AdamW(this);
    }
  }

  private final Config config;
  private final Adam core;

  private AdamW(Config config) {
    this.config = config;
    this.core = new Adam(new Adam.Config(config.lr(), config.beta1(), config.beta2(), config.eps(),
        config.weightDecay(), config.amsgrad()), true, "AdamW");
  }

  @Override
  public void step(List<Tensor> params) {
    core.step(params);
  }

  @Override
  public AdamW copy() {
    return config.build();
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  public long iterations() {
    return core.iterations();
  }

  @Override
  public double learningRate() {
    return core.learningRate();
  }

  @Override
  public Map<String, INDArray> state(Map<String, Tensor> params) {
    return core.state(params);
  }

  @Override
  public void loadState(Map<String, Tensor> params, Map<String, INDArray> saved) {
    core.loadState(params, saved);
  }

  @Override
  public String toString() {
    return "AdamW(" + config + ", iterations=" + iterations() + ")";
  }
}
