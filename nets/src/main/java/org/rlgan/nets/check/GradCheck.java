package org.rlgan.nets.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;

/**
 * Central-difference gradient checking in double precision (after Deeplearning4j's GradientCheckUtil).
 *
 * <p>For a scalar function f of some float64 tensors, compares the tape's gradient with
 * (f(x + εeᵢ) − f(x − εeᵢ)) / 2ε for every element i. An element passes when its relative error
 * |a − n| / (|a| + |n|) is below {@code maxRelError}, or when |a − n| is below {@code minAbsError} (the
 * absolute floor that keeps round-off on near-zero gradients from failing the check).
 *
 * @param epsilon the finite-difference step
 * @param maxRelError the largest relative error allowed
 * @param minAbsError the absolute error below which an element always passes
 */
public record GradCheck(double epsilon, double maxRelError, double minAbsError) {

  /** ε = 1e-6, relative error ≤ 1e-5, absolute floor 1e-8: the settings for smooth float64 functions. */
  public static GradCheck standard() {
    return new GradCheck(1e-6, 1e-5, 1e-8);
  }

  public GradCheck {
    if (!(epsilon > 0) || !(maxRelError > 0) || !(minAbsError >= 0)) {
      throw new IllegalArgumentException("GradCheck needs epsilon > 0, maxRelError > 0, minAbsError >= 0; got "
          + epsilon + ", " + maxRelError + ", " + minAbsError);
    }
  }

  /** The worst element found: which input, which flat index, both gradients and the relative error. */
  public record Result(boolean passed, int input, long index, double analytic, double numeric,
      double relError, long checked) {
    @Override
    public String toString() {
      return (passed ? "passed" : "FAILED") + ": worst at input " + input + " element " + index + ": analytic "
          + analytic + " vs numeric " + numeric + " (relative error " + relError + ", " + checked + " elements)";
    }
  }

  /**
   * Checks f's gradient with respect to every element of {@code inputs}, which must be float64 and are
   * restored after each perturbation. {@code f} must be deterministic (reseed any dropout inside it).
   */
  public Result check(Function<List<Tensor>, Tensor> f, List<INDArray> inputs) {
    List<Tensor> vars = new ArrayList<>();
    for (INDArray in : inputs) {
      requireDouble(in);
      vars.add(Tensor.variable(in));
    }
    List<Tensor> analytic = Autograd.grad(f.apply(vars), vars, false);
    return compare(analytic, inputs, () -> {
      // Constants, not noGrad(): a function that differentiates inside (a gradient penalty) must still record.
      List<Tensor> consts = new ArrayList<>();
      for (INDArray in : inputs) {
        consts.add(Tensor.constant(in));
      }
      return f.apply(consts).item();
    });
  }

  /**
   * Checks the gradient of {@code loss} with respect to leaves it closes over (a module's parameters,
   * float64), perturbing their values in place and restoring them. {@code loss} must be deterministic.
   */
  public Result check(Supplier<Tensor> loss, List<Tensor> leaves) {
    List<INDArray> arrays = new ArrayList<>();
    for (Tensor t : leaves) {
      if (!t.requiresGrad()) {
        throw new IllegalArgumentException("cannot check the gradient of " + t + ": it does not require one");
      }
      requireDouble(t.value());
      arrays.add(t.value());
    }
    List<Tensor> analytic = Autograd.grad(loss.get(), leaves, false);
    return compare(analytic, arrays, () -> loss.get().item());
  }

  private Result compare(List<Tensor> analytic, List<INDArray> inputs, DoubleSupplier evaluate) {
    Result worst = null;
    long checked = 0;
    for (int k = 0; k < inputs.size(); k++) {
      INDArray x = inputs.get(k);
      INDArray ga = analytic.get(k).value();
      for (long i = 0; i < x.length(); i++) {
        double orig = x.getDouble(i);
        x.putScalar(i, orig + epsilon);
        double plus = evaluate.getAsDouble();
        x.putScalar(i, orig - epsilon);
        double minus = evaluate.getAsDouble();
        x.putScalar(i, orig);
        double numeric = (plus - minus) / (2 * epsilon);
        double a = ga.getDouble(i);
        double diff = Math.abs(a - numeric);
        double denom = Math.abs(a) + Math.abs(numeric);
        double rel = denom == 0 ? 0 : diff / denom;
        boolean ok = rel <= maxRelError || diff <= minAbsError;
        checked++;
        double score = ok ? 0 : rel;
        if (worst == null || (!ok && worst.passed()) || (ok == worst.passed() && score > scoreOf(worst))) {
          worst = new Result(ok, k, i, a, numeric, rel, 0);
        }
      }
    }
    if (worst == null) {
      throw new IllegalArgumentException("nothing to check: the inputs have no elements");
    }
    return new Result(worst.passed(), worst.input(), worst.index(), worst.analytic(), worst.numeric(),
        worst.relError(), checked);
  }

  private static void requireDouble(INDArray in) {
    if (in.dataType() != DataType.DOUBLE) {
      throw new IllegalArgumentException("gradient checks need float64 values, got " + in.dataType()
          + " of shape " + Arrays.toString(in.shape()));
    }
  }

  private static double scoreOf(Result r) {
    return r.passed() ? 0 : r.relError();
  }
}
