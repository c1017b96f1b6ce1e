package org.rlgan.nets.optim;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/** Gradient clipping, applied to accumulated gradients between the backward pass and the optimizer step. */
public final class GradClip {
  /** PyTorch's {@code clip_grad_norm_} adds this to the norm in the scale's denominator. */
  static final double NORM_EPS = 1e-6;

  private GradClip() {}

  /**
   * Rescales all gradients together so their global L2 norm is at most {@code maxNorm} (Pascanu, Mikolov &amp;
   * Bengio, "On the difficulty of training recurrent neural networks", ICML 2013, Alg. 2), with PyTorch's
   * {@code torch.nn.utils.clip_grad_norm_} semantics: N = √(Σ_p ‖g_p‖²) over the parameters that have a
   * gradient, and every g_p ← g_p · min(1, maxNorm/(N + 10⁻⁶)), in place. The norm is accumulated in
   * float64 whatever the gradients' type.
   *
   * <p>When N is NaN or infinite the gradients are left unchanged (PyTorch would scale them into NaN or
   * zero); the caller sees the non-finite return value and should skip the step.
   *
   * @param params the parameters; those with a null {@link Tensor#grad()} are ignored
   * @param maxNorm the largest allowed global norm, &gt; 0 (same units as the gradients)
   * @return the global norm N before clipping (0 when no parameter has a gradient)
   * @throws IllegalArgumentException if maxNorm is not finite and positive
   */
  public static double clipByGlobalNorm(List<Tensor> params, double maxNorm) {
    Check.positive("GradClip.maxNorm", maxNorm);
    double sumSquares = 0;
    for (Tensor p : params) {
      INDArray g = p.grad();
      if (g != null) {
        double n = g.castTo(DataType.DOUBLE).norm2Number().doubleValue();
        sumSquares += n * n;
      }
    }
    double norm = Math.sqrt(sumSquares);
    if (!Double.isFinite(norm)) {
      return norm;
    }
    double coef = maxNorm / (norm + NORM_EPS);
    if (coef < 1) {
      for (Tensor p : params) {
        if (p.grad() != null) {
          p.grad().muli(coef);
        }
      }
    }
    return norm;
  }
}
