package org.rlgan.nets.layers;

import java.util.Map;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * L1 and L2 weight penalties (book §2.5, §5.6), added to a loss: l1·Σ|w| + l2·Σw² over the parameters named
 * "weight" (biases are not penalised, as with Keras's kernel_regularizer). Differentiable, so the optimizer
 * sees their gradients like the loss's. For decoupled weight decay use AdamW instead.
 *
 * @param l1 the L1 coefficient, ≥ 0
 * @param l2 the L2 coefficient, ≥ 0
 */
public record WeightPenalty(double l1, double l2) {
  public WeightPenalty {
    if (!(l1 >= 0) || !(l2 >= 0)) {
      throw new IllegalArgumentException("weight penalty coefficients l1 and l2 must be >= 0, got l1=" + l1 + ", l2=" + l2);
    }
  }

  /** The penalty of a module's weights (a rank-0 tensor; zero when both coefficients are 0). */
  public Tensor apply(Module module) {
    Tensor total = null;
    for (Map.Entry<String, Tensor> p : module.namedParameters().entrySet()) {
      if (!(p.getKey().equals("weight") || p.getKey().endsWith(".weight"))) {
        continue;
      }
      Tensor w = p.getValue();
      Tensor term = null;
      if (l1 > 0) {
        term = Ops.mulScalar(Ops.sum(Ops.abs(w)), l1);
      }
      if (l2 > 0) {
        Tensor t2 = Ops.mulScalar(Ops.sum(Ops.square(w)), l2);
        term = term == null ? t2 : Ops.add(term, t2);
      }
      if (term != null) {
        total = total == null ? term : Ops.add(total, term);
      }
    }
    if (total == null) {
      Tensor any = module.parameters().isEmpty() ? null : module.parameters().get(0);
      return Tensor.scalar(any == null ? org.nd4j.linalg.api.buffer.DataType.FLOAT : any.dataType(), 0.0);
    }
    return total;
  }
}
