package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/** L-BFGS on Rosenbrock's function (Nocedal &amp; Wright's standard test, start (−1.2, 1)) and on quadratics. */
class LbfgsTest {

  /** f(a, b) = (1 − a)² + 100(b − a²)², minimum 0 at (1, 1). */
  private static Supplier<Tensor> rosenbrock(Tensor a, Tensor b, AtomicInteger calls) {
    return () -> {
      calls.incrementAndGet();
      Tensor first = Ops.square(Ops.addScalar(Ops.neg(a), 1));
      Tensor second = Ops.mulScalar(Ops.square(Ops.sub(b, Ops.square(a))), 100);
      return Ops.sum(Ops.add(first, second));
    };
  }

  @Test
  void rosenbrockFromTheStandardStart() {
    Tensor a = Fixtures.param("a", -1.2);
    Tensor b = Fixtures.param("b", 1.0);
    AtomicInteger calls = new AtomicInteger();
    Lbfgs.Config config = new Lbfgs.Config(10, 200, 1e-10, 0, Lbfgs.StrongWolfe.defaults());
    Lbfgs.Result r = config.build().minimize(rosenbrock(a, b, calls), List.of(a, b));

    assertTrue(r.converged(), r.toString());
    assertEquals(Lbfgs.StopReason.GRADIENT_TOLERANCE, r.reason(), r.toString());
    assertEquals(1.0, a.value().getDouble(0), 1e-6, r.toString());
    assertEquals(1.0, b.value().getDouble(0), 1e-6, r.toString());
    assertTrue(r.iterations() > 10 && r.iterations() <= 60, "iterations " + r.iterations());
    assertTrue(r.gradNorm() <= 1e-10, r.toString());
    assertTrue(r.loss() < 1e-15 && r.loss() >= 0, r.toString());
    assertEquals(calls.get(), r.evaluations(), "every supplier call is counted");
    assertTrue(r.evaluations() > r.iterations() && r.evaluations() <= 2 * r.iterations() + 10, r.toString());
    assertNull(a.grad(), "minimize uses Autograd.grad and leaves grad() alone");
    // the parameters hold the final iterate: its loss is the reported one
    assertEquals(r.loss(), rosenbrock(a, b, new AtomicInteger()).get().item(), 0.0);
  }

  @Test
  void rosenbrockWithDefaultsStopsNearTheMinimum() {
    Tensor a = Fixtures.param("a", -1.2);
    Tensor b = Fixtures.param("b", 1.0);
    Lbfgs.Result r = Lbfgs.Config.defaults().build().minimize(rosenbrock(a, b, new AtomicInteger()), List.of(a, b));
    assertTrue(r.converged(), r.toString());
    assertEquals(1.0, a.value().getDouble(0), 1e-3, r.toString());
    assertEquals(1.0, b.value().getDouble(0), 1e-3, r.toString());
  }

  @Test
  void iterationLimit() {
    Tensor a = Fixtures.param("a", -1.2);
    Tensor b = Fixtures.param("b", 1.0);
    Lbfgs.Result r = new Lbfgs.Config(10, 3, 1e-10, 0, Lbfgs.StrongWolfe.defaults()).build()
        .minimize(rosenbrock(a, b, new AtomicInteger()), List.of(a, b));
    assertFalse(r.converged());
    assertEquals(Lbfgs.StopReason.MAX_ITERATIONS, r.reason());
    assertEquals(3, r.iterations());
    assertTrue(r.loss() < 24.2, "Rosenbrock starts at 24.2 and each accepted step decreases it: " + r);
  }

  @Test
  void convexQuadraticMatchesTheLinearSolve() {
    // f(x) = ½xᵀAx − bᵀx with A symmetric positive definite: the minimiser solves Ax = b.
    double[][] aRows = {{4, 1, 0, 0.5}, {1, 3, 1, 0}, {0, 1, 2, 0.2}, {0.5, 0, 0.2, 1}};
    double[] bVec = {1, 2, 3, -1};
    double[] expected = new LUDecomposition(new Array2DRowRealMatrix(aRows)).getSolver()
        .solve(new ArrayRealVector(bVec)).toArray();
    Tensor aT = Tensor.constant(Nd4j.create(aRows));
    Tensor bT = Tensor.of(bVec, 4, 1);
    Tensor x = Tensor.parameter("x", Nd4j.zeros(DataType.DOUBLE, 4, 1));
    Supplier<Tensor> f = () -> Ops.sub(Ops.mulScalar(Ops.sum(Ops.mul(x, Ops.matmul(aT, x))), 0.5),
        Ops.sum(Ops.mul(bT, x)));
    // (‖∇f‖∞ below ~1e-10 is out of reach here: f ≈ −3.5 stops changing in float64 first.)
    Lbfgs.Result r = new Lbfgs.Config(10, 100, 1e-9, 0, Lbfgs.StrongWolfe.defaults()).build()
        .minimize(f, List.of(x));
    assertTrue(r.converged(), r.toString());
    assertEquals(Lbfgs.StopReason.GRADIENT_TOLERANCE, r.reason());
    assertArrayEquals(expected, x.value().reshape(4).toDoubleVector(), 1e-8);
    assertTrue(r.iterations() <= 20, r.toString());
    // f(x*) = −½bᵀx*
    double fStar = 0;
    for (int i = 0; i < 4; i++) {
      fStar -= 0.5 * bVec[i] * expected[i];
    }
    assertEquals(fStar, r.loss(), 1e-12);
  }

  @Test
  void toleranceBelowTheRoundingOfTheLossStopsAtTheRoundoffLimit() {
    // Same quadratic, gradTolerance 1e-14: unreachable, f ≈ −3.5 stops changing first. That is
    // convergence to working precision, not a line-search failure.
    double[][] aRows = {{4, 1, 0, 0.5}, {1, 3, 1, 0}, {0, 1, 2, 0.2}, {0.5, 0, 0.2, 1}};
    double[] bVec = {1, 2, 3, -1};
    Tensor aT = Tensor.constant(Nd4j.create(aRows));
    Tensor bT = Tensor.of(bVec, 4, 1);
    Tensor x = Tensor.parameter("x", Nd4j.zeros(DataType.DOUBLE, 4, 1));
    Supplier<Tensor> f = () -> Ops.sub(Ops.mulScalar(Ops.sum(Ops.mul(x, Ops.matmul(aT, x))), 0.5),
        Ops.sum(Ops.mul(bT, x)));
    Lbfgs.Result r = new Lbfgs.Config(10, 100, 1e-14, 0, Lbfgs.StrongWolfe.defaults()).build()
        .minimize(f, List.of(x));
    assertEquals(Lbfgs.StopReason.ROUNDOFF_LIMIT, r.reason(), r.toString());
    assertTrue(r.converged());
    assertTrue(r.gradNorm() < 1e-8, r.toString());
  }

  @Test
  void aWrongGradientIsReportedAsALineSearchFailure() {
    // The loss is (x − 2)² but the gradient handed to the optimizer has the wrong sign, so every
    // "descent" direction goes uphill: no step decreases f although decrease is predicted.
    Tensor x = Fixtures.param("x", 3.0);
    Supplier<Tensor> f = () -> {
      double v = x.value().getDouble(0);
      Tensor delta = Ops.sub(x, x.detach()); // value 0, derivative 1
      return Ops.sum(Ops.addScalar(Ops.mulScalar(delta, -2 * (v - 2)), (v - 2) * (v - 2)));
    };
    Lbfgs.Result r = Lbfgs.Config.defaults().build().minimize(f, List.of(x));
    assertEquals(Lbfgs.StopReason.LINE_SEARCH_FAILED, r.reason(), r.toString());
    assertFalse(r.converged());
    assertEquals(3.0, x.value().getDouble(0), 0.0, "the parameters stay at the last accepted point");
    assertEquals(1.0, r.loss(), 0.0);
  }

  @Test
  void severalFloat32ParametersOfAnyShape() {
    // Σ h ⊙ (W − T)² + Σ (v − u)²: flattening must keep every element in place across read and write.
    float[] t = {1, -2, 3, 0.5f, -0.25f, 4};
    Tensor target = Tensor.of(t, 2, 3);
    Tensor weights = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor u = Tensor.of(new float[] {-1, 7}, 2);
    Tensor w = Tensor.parameter("w", Nd4j.zeros(DataType.FLOAT, 2, 3));
    Tensor v = Tensor.parameter("v", Nd4j.zeros(DataType.FLOAT, 2));
    Supplier<Tensor> f = () -> Ops.add(Ops.sum(Ops.mul(weights, Ops.square(Ops.sub(w, target)))),
        Ops.sum(Ops.square(Ops.sub(v, u))));
    Lbfgs.Result r = new Lbfgs.Config(5, 100, 1e-4, 0, Lbfgs.StrongWolfe.defaults()).build()
        .minimize(f, List.of(w, v));
    assertTrue(r.converged(), r.toString());
    assertEquals(DataType.FLOAT, w.dataType());
    assertArrayEquals(new double[] {1, -2, 3, 0.5, -0.25, 4}, w.value().reshape(6).toDoubleVector(), 1e-4);
    assertArrayEquals(new double[] {-1, 7}, v.value().toDoubleVector(), 1e-4);
  }

  @Test
  void alreadyAtTheMinimum() {
    Tensor a = Fixtures.param("a", 1.0);
    Tensor b = Fixtures.param("b", 1.0);
    Lbfgs.Result r = Lbfgs.Config.defaults().build().minimize(rosenbrock(a, b, new AtomicInteger()), List.of(a, b));
    assertEquals(new Lbfgs.Result(0.0, 0, 1, 0.0, true, Lbfgs.StopReason.GRADIENT_TOLERANCE), r);
  }

  @Test
  void worksInsideNoGradScope() {
    Tensor a = Fixtures.param("a", 3.0);
    Supplier<Tensor> f = () -> Ops.sum(Ops.square(Ops.addScalar(a, -2)));
    Lbfgs.Result r;
    Autograd.Scope noGrad = Autograd.noGrad();
    try {
      r = Lbfgs.Config.defaults().build().minimize(f, List.of(a));
      assertFalse(Autograd.isRecording(), "the caller's setting is restored");
    } finally {
      noGrad.close();
    }
    assertTrue(r.converged(), r.toString());
    assertEquals(2.0, a.value().getDouble(0), 1e-7);
  }

  @Test
  void nonFiniteStartIsReported() {
    Tensor a = Fixtures.param("a", -1.0);
    Lbfgs.Result r = Lbfgs.Config.defaults().build().minimize(() -> Ops.sum(Ops.log(a)), List.of(a));
    assertFalse(r.converged());
    assertEquals(Lbfgs.StopReason.NON_FINITE, r.reason());
  }

  @Test
  void cubicMinimizerOfAKnownCubic() {
    // φ(t) = t³ − 3t: φ(0) = 0, φ′(0) = −3; φ(2) = 2, φ′(2) = 9; minimiser t = 1
    assertEquals(1.0, Lbfgs.cubicMinimizer(0, 0, -3, 2, 2, 9, 0, 2), 1e-12);
    // clamped to the bounds, and the midpoint when there is no real minimiser
    assertEquals(1.5, Lbfgs.cubicMinimizer(0, 0, -3, 2, 2, 9, 1.5, 2), 0);
    // slopes 1 and 1 with secant slope 2/3: d₁ = 1 + 1 − 3·(2/3) = 0, d₁² − g₁g₂ = −1 < 0
    assertEquals(0.5, Lbfgs.cubicMinimizer(0, 0, 1, 1, 2.0 / 3, 1, 0, 1), 0);
  }

  @Test
  void invalidInputsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Lbfgs.Config(0, 100, 1e-7, 1e-9, Lbfgs.StrongWolfe.defaults()));
    assertTrue(e.getMessage().contains("Lbfgs.Config.historySize") && e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Config(10, 100, -1, 1e-9,
        Lbfgs.StrongWolfe.defaults()));
    assertTrue(e.getMessage().contains("gradTolerance"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Lbfgs.StrongWolfe(0.9, 0.1, 25));
    assertTrue(e.getMessage().contains("Lbfgs.StrongWolfe.c2") && e.getMessage().contains("0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Config(10, 100, 1e-7, 1e-9, null));
    assertTrue(e.getMessage().contains("lineSearch"), e.getMessage());
    Tensor a = Fixtures.param("a", 1.0);
    e = assertThrows(IllegalArgumentException.class,
        () -> Lbfgs.Config.defaults().build().minimize(() -> Ops.square(a), List.of()));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    Tensor m = Fixtures.param("m", 1.0, 2.0);
    e = assertThrows(IllegalArgumentException.class,
        () -> Lbfgs.Config.defaults().build().minimize(() -> Ops.square(m), List.of(m)));
    assertTrue(e.getMessage().contains("one-element"), e.getMessage());
  }
}
