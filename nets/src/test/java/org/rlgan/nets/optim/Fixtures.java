package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/** Small helpers shared by the optimizer tests. */
final class Fixtures {
  /** Hand-computed float64 values agree to this. */
  static final double TOL = 1e-12;

  private Fixtures() {}

  static INDArray vec(double... v) {
    return Nd4j.create(v, new long[] {v.length}, DataType.DOUBLE);
  }

  /** A float64 parameter vector. */
  static Tensor param(String name, double... v) {
    return Tensor.parameter(name, vec(v));
  }

  /** Sets a fixed gradient on p and takes one step. */
  static void stepWith(Optimizer opt, Tensor p, double... grad) {
    p.setGrad(vec(grad));
    opt.step(List.of(p));
  }

  static void assertValues(Tensor p, double... expected) {
    assertArrayEquals(expected, p.value().toDoubleVector(), TOL);
  }

  /** Exact copies of the parameters (same names, duplicated arrays). */
  static List<Tensor> dup(List<Tensor> params) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor p : params) {
      out.add(Tensor.parameter(p.name(), p.value().dup()));
    }
    return out;
  }

  /** All parameter values, flattened, as doubles (for exact comparisons). */
  static double[] flat(List<Tensor> params) {
    List<Double> all = new ArrayList<>();
    for (Tensor p : params) {
      for (double v : p.value().castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
        all.add(v);
      }
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * A two-parameter least-squares loss whose targets move with t, so successive gradients differ:
   * Σ (w − c_t)² + Σ (b·w₀ − 1)², with c_t = (sin t, cos t, 0.5).
   */
  static Tensor movingLoss(Tensor w, Tensor b, int t) {
    DataType type = w.dataType();
    Tensor c = Tensor.constant(Nd4j.create(new double[] {Math.sin(t), Math.cos(t), 0.5}, new long[] {3}, type));
    Tensor first = Ops.sum(Ops.square(Ops.sub(w, c)));
    Tensor w0 = Ops.narrow(w, 0, 0, 1);
    Tensor second = Ops.sum(Ops.square(Ops.addScalar(Ops.mul(b, w0), -1)));
    return Ops.add(first, second);
  }

  /** Zeroes grads, back-propagates movingLoss at t and steps. */
  static void trainStep(Optimizer opt, List<Tensor> params, int t) {
    params.forEach(Tensor::zeroGrad);
    Autograd.backward(movingLoss(params.get(0), params.get(1), t));
    opt.step(params);
  }

  /** Parameters for movingLoss: "0.weight" [3] and "0.bias" [2], of the given type. */
  static List<Tensor> movingParams(DataType type) {
    return List.of(
        Tensor.parameter("0.weight", Nd4j.create(new double[] {0.3, -0.7, 1.1}, new long[] {3}, type)),
        Tensor.parameter("0.bias", Nd4j.create(new double[] {0.2, -0.4}, new long[] {2}, type)));
  }
}
