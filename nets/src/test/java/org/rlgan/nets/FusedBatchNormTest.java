package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.nets.FusedChecks.assertClose;
import static org.rlgan.nets.FusedChecks.check;
import static org.rlgan.nets.FusedChecks.var;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused batch normalisation primitive ({@link ConvOps#batchNorm}): values, statistics and gradients against the
 * composite it replaces, first and second derivatives by central differences, under both kernel modes.
 */
@ExtendWith(KernelModes.class)
class FusedBatchNormTest {
  private final SplittableRandom rng = new SplittableRandom(5);

  private INDArray rand(DataType type, long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1, 1));
    }
    return a.castTo(type);
  }

  private Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> f, INDArray... probe) {
    List<Tensor> consts = java.util.Arrays.stream(probe).map(Tensor::constant).toList();
    INDArray wts = rand(DataType.DOUBLE, f.apply(consts).shape());
    return t -> Ops.sum(Ops.mul(f.apply(t), Tensor.constant(wts)));
  }

  // ------------------------------------------------------------------ batch normalisation

  /** The composite batch normalisation that ConvOps.batchNorm replaces on the Java kernels. */
  private static Tensor composite(Tensor x, Tensor gamma, Tensor beta, double eps) {
    long m = x.value().length() / x.size(1);
    Tensor mean = Ops.mulScalar(ConvOps.channelSum(x), 1.0 / m);
    Tensor xc = ConvOps.channelAffine(x, null, Ops.neg(mean));
    Tensor var = Ops.mulScalar(ConvOps.channelSum(Ops.square(xc)), 1.0 / m);
    Tensor inv = Ops.pow(Ops.addScalar(var, eps), -0.5);
    return ConvOps.channelAffine(xc, gamma == null ? inv : Ops.mul(inv, gamma), beta);
  }

  @Test
  void batchNormMatchesTheCompositeInValuesStatisticsAndGradients() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        for (long[] shape : List.of(new long[] {6, 3}, new long[] {4, 3, 5}, new long[] {3, 3, 4, 5})) {
          for (boolean affine : new boolean[] {true, false}) {
            // An offset mean, so cancellation in float would show.
            INDArray x = rand(type, shape).muli(2).addi(3);
            INDArray gm = rand(type, 3).addi(1.5);
            INDArray bt = rand(type, 3);
            INDArray g = rand(type, shape);
            String what = mode + " " + type + " " + java.util.Arrays.toString(shape) + (affine ? " affine" : "");
            List<INDArray> fused = new ArrayList<>();
            List<INDArray> ref = new ArrayList<>();
            double[] mean = new double[3];
            double[] var = new double[3];
            for (boolean useFused : new boolean[] {true, false}) {
              Tensor xv = Tensor.variable(x.dup());
              Tensor gv = affine ? Tensor.variable(gm.dup()) : null;
              Tensor bv = affine ? Tensor.variable(bt.dup()) : null;
              Tensor y = useFused ? ConvOps.batchNorm(xv, gv, bv, 1e-5, mean, var) : composite(xv, gv, bv, 1e-5);
              Autograd.backward(Ops.sum(Ops.mul(y, Tensor.constant(g))));
              List<INDArray> out = useFused ? fused : ref;
              out.add(y.value());
              out.add(xv.grad());
              if (affine) {
                out.add(gv.grad());
                out.add(bv.grad());
              }
            }
            double tol = type == DataType.FLOAT ? 2e-5 : 1e-12;
            for (int i = 0; i < ref.size(); i++) {
              assertClose(ref.get(i), fused.get(i), tol, what + " output " + i);
            }
            double[] xs = x.dup('c').castTo(DataType.DOUBLE).data().asDouble();
            long p = x.length() / shape[0] / 3;
            for (int c = 0; c < 3; c++) {
              double s = 0;
              double s2 = 0;
              for (int n = 0; n < shape[0]; n++) {
                for (int k = 0; k < p; k++) {
                  double v = xs[(int) ((n * 3 + c) * p + k)];
                  s += v;
                  s2 += v * v;
                }
              }
              double mu = s / (shape[0] * p);
              assertEquals(mu, mean[c], 1e-5 * Math.max(1, Math.abs(mu)), what + " mean");
              assertEquals(s2 / (shape[0] * p) - mu * mu, var[c], 1e-5, what + " variance");
            }
          }
        }
      }
    }
  }

  @Test
  void batchNormFirstAndSecondDerivatives() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      INDArray x = rand(DataType.DOUBLE, 3, 2, 3, 2).muli(2).addi(0.5);
      INDArray gm = rand(DataType.DOUBLE, 2).addi(1.5);
      INDArray bt = rand(DataType.DOUBLE, 2);
      double[] stats = new double[2];
      check(weighted(t -> ConvOps.batchNorm(t.get(0), t.get(1), t.get(2), 1e-5, stats, stats.clone()), x, gm, bt),
          x, gm, bt);
      check(weighted(t -> ConvOps.batchNorm(t.get(0), null, null, 1e-3, stats, stats.clone()), x), x);
      INDArray x2 = rand(DataType.DOUBLE, 5, 3);
      INDArray g2 = rand(DataType.DOUBLE, 3).addi(1.5);
      check(weighted(t -> ConvOps.batchNorm(t.get(0), t.get(1), null, 1e-5, new double[3], new double[3]), x2, g2),
          x2, g2);
      // ‖∂L/∂x‖² + ‖∂L/∂γ‖², differentiated with respect to x, γ and β: the recorded (double-backward) rule.
      INDArray wts = rand(DataType.DOUBLE, 3, 2, 3, 2);
      check(t -> {
        Tensor xv = var(t.get(0));
        Tensor gv = var(t.get(1));
        Tensor y = Ops.tanh(ConvOps.batchNorm(xv, gv, t.get(2), 1e-5, new double[2], new double[2]));
        List<Tensor> gr = Autograd.grad(Ops.sum(Ops.mul(y, Tensor.constant(wts))), List.of(xv, gv), true);
        return Ops.add(Ops.sum(Ops.square(gr.get(0))), Ops.sum(Ops.square(gr.get(1))));
      }, x, gm, bt);
    }
  }
}
