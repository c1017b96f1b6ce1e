package org.rlgan.gan.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Conv2dOptions;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.init.GlorotUniform;
import org.rlgan.nets.io.ParameterFiles;
import org.rlgan.nets.layers.Conv2D;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Sequential;

class SpectralNormTest {

  /** W = Q₁ diag(5, 2, 0.5) Q₂ᵀ for two rotations: σ(W) = 5 by construction. */
  static Dense denseWithSingularValues(SplittableRandom rng) {
    Dense d = new Dense(3, 3, true, new GlorotUniform(1.0), new Constant(0.0), DataType.DOUBLE, rng);
    double a = 0.7;
    double b = -1.1;
    INDArray q1 = Nd4j.createFromArray(new double[][] {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}});
    INDArray q2 = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}});
    INDArray s = Nd4j.diag(Nd4j.createFromArray(new double[] {5, 2, 0.5}));
    d.weight().value().assign(q1.mmul(s).mmul(q2.transpose()));
    return d;
  }

  @Test
  void powerIterationFindsTheLargestSingularValue() {
    var rng = new SplittableRandom(1);
    SpectralNorm sn = new SpectralNorm(denseWithSingularValues(rng), rng);
    Tensor x = Tensor.constant(Nd4j.rand(DataType.DOUBLE, 4, 3));
    for (int i = 0; i < 30; i++) {
      sn.forward(x, ForwardContext.train(rng));
    }
    assertEquals(5.0, sn.lastSigma(), 1e-9);
    // The normalised layer is 1-Lipschitz along the top singular direction: ‖W_SN‖₂ = 1.
    INDArray w = sn.inner() instanceof Dense dd ? dd.weight().value() : null;
    INDArray y = sn.forward(Tensor.constant(Nd4j.eye(3).castTo(DataType.DOUBLE)), ForwardContext.eval()).value();
    // y = I·W/σ (bias 0): the matrix itself; its largest singular value via the normal matrix's power iteration.
    INDArray m = y.transpose().mmul(y);
    INDArray v = Nd4j.ones(DataType.DOUBLE, 3, 1);
    for (int i = 0; i < 200; i++) {
      v = m.mmul(v);
      v.divi(v.norm2Number());
    }
    double top = Math.sqrt(v.transpose().mmul(m).mmul(v).getDouble(0));
    assertEquals(1.0, top, 1e-9);
    assertEquals(w.norm2Number().doubleValue() / 5.0, y.norm2Number().doubleValue(), 1e-9);
  }

  @Test
  void evaluationDoesNotAdvanceTheIteration() {
    var rng = new SplittableRandom(2);
    SpectralNorm sn = new SpectralNorm(denseWithSingularValues(rng), rng);
    INDArray u0 = sn.namedBuffers().get("weight_u").dup();
    sn.forward(Tensor.constant(Nd4j.rand(DataType.DOUBLE, 2, 3)), ForwardContext.eval());
    assertEquals(u0, sn.namedBuffers().get("weight_u"));
    sn.forward(Tensor.constant(Nd4j.rand(DataType.DOUBLE, 2, 3)), ForwardContext.train(rng));
    assertTrue(!u0.equals(sn.namedBuffers().get("weight_u")), "training mode updates u");
  }

  @Test
  void gradientThroughTheNormalisationPassesFiniteDifferences() {
    // With u and v fixed (evaluation mode), W ↦ x·W/(uᵀWv) is smooth; its gradient includes the σ term.
    var rng = new SplittableRandom(3);
    Dense d = new Dense(3, 4, true, new GlorotUniform(1.0), new Constant(0.1), DataType.DOUBLE, rng);
    SpectralNorm sn = new SpectralNorm(d, rng);
    sn.forward(Tensor.constant(Nd4j.rand(DataType.DOUBLE, 2, 3)), ForwardContext.train(rng));
    INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3);
    INDArray t = Nd4j.rand(DataType.DOUBLE, 5, 4);
    var res = GradCheck.standard().check(
        () -> sn.forward(Tensor.constant(x), ForwardContext.eval()).sub(Tensor.constant(t)).square().sum(),
        sn.parameters());
    assertTrue(res.passed(), res.toString());
  }

  @Test
  void wrapsAConvolutionAsAnOutByInKkMatrix() {
    var rng = new SplittableRandom(4);
    Conv2D c = new Conv2D(2, 3, 3, 3, Conv2dOptions.of(1, 1), true, new GlorotUniform(1.0), new Constant(0.0),
        DataType.DOUBLE, rng);
    SpectralNorm sn = new SpectralNorm(c, 50, rng);
    assertArrayEquals(new long[] {3}, sn.namedBuffers().get("weight_u").shape());
    assertArrayEquals(new long[] {18}, sn.namedBuffers().get("weight_v").shape());
    INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 5, 5);
    sn.forward(Tensor.constant(x), ForwardContext.train(rng));
    INDArray w = c.weight().value().reshape(3, 18);
    INDArray m = w.mmul(w.transpose());
    INDArray v = Nd4j.ones(DataType.DOUBLE, 3, 1);
    for (int i = 0; i < 500; i++) {
      v = m.mmul(v);
      v.divi(v.norm2Number());
    }
    double sigma = Math.sqrt(v.transpose().mmul(m).mmul(v).getDouble(0));
    assertEquals(sigma, sn.lastSigma(), 1e-6 * sigma);
    assertThrows(IllegalArgumentException.class, () -> new SpectralNorm(new org.rlgan.nets.layers.Activation(
        org.rlgan.nets.layers.Activation.Kind.RELU), rng));
  }

  @Test
  void parameterFilesRoundTripKeepsTheIterationVectors(@TempDir Path dir) throws Exception {
    var rng = new SplittableRandom(5);
    Sequential a = new Sequential(new long[] {3}, List.of(new SpectralNorm(new Dense(3, 4, rng), rng)));
    a.forward(Tensor.constant(Nd4j.rand(DataType.FLOAT, 2, 3)), ForwardContext.train(rng));
    Path f = dir.resolve("sn.npz");
    ParameterFiles.save(f, a, null, null);
    Sequential b = new Sequential(new long[] {3}, List.of(new SpectralNorm(new Dense(3, 4, rng), rng)));
    ParameterFiles.load(f, b, null);
    assertEquals(a.namedBuffers().get("0.weight_u"), b.namedBuffers().get("0.weight_u"));
    assertEquals(a.namedBuffers().get("0.weight_v"), b.namedBuffers().get("0.weight_v"));
    INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3);
    assertEquals(a.forward(Tensor.constant(x), ForwardContext.eval()).value(),
        b.forward(Tensor.constant(x), ForwardContext.eval()).value());
    assertTrue(Files.exists(dir.resolve("sn.json")));
  }
}
