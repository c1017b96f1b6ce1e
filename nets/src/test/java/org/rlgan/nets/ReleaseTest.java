package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.BatchNorm;
import org.rlgan.nets.layers.Conv2D;
import org.rlgan.nets.layers.ConvTranspose2D;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Reshape;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.loss.BinaryCrossEntropyWithLogits;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/**
 * {@link Autograd#release}: a finished step's computed arrays go back to the allocator, and nothing else does.
 */
@ExtendWith(KernelModes.class)
class ReleaseTest {

  private static INDArray floats(float... v) {
    return Nd4j.create(v, new long[] {v.length}, DataType.FLOAT);
  }

  private static long address(INDArray a) {
    return a.data().address();
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void computedArraysAreReleasedAndLeavesKept(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor w = Tensor.parameter("w", floats(1, -2, 3, -4));
    Tensor x = Tensor.variable(floats(0.5f, 0.5f, 0.5f, 0.5f));
    Tensor c = Tensor.constant(floats(1, 1, 1, 1));
    Tensor h = Ops.relu(Ops.add(Ops.mul(x, w), c));
    Tensor r = Ops.reshape(h, 2, 2);
    Tensor loss = Ops.sum(Ops.mul(r, r));
    Autograd.backward(loss);
    double before = loss.item();
    Autograd.release(loss);

    IllegalStateException e = assertThrows(IllegalStateException.class, h::value);
    assertTrue(e.getMessage().contains("released by Autograd.release"), e.getMessage());
    assertThrows(IllegalStateException.class, loss::item);
    assertThrows(IllegalStateException.class, r::detach);
    // leaves and their gradients are untouched, also once new arrays reuse the released memory
    for (int i = 0; i < 20; i++) {
      Ops.mulScalar(Ops.relu(Ops.add(Ops.mul(x, w), c)), 3.0);
    }
    assertArrayEquals(new float[] {1, -2, 3, -4}, w.value().toFloatVector());
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, x.value().toFloatVector());
    assertArrayEquals(new float[] {1, 1, 1, 1}, c.value().toFloatVector());
    // d/dw Σ relu(xw + c)² = 2·relu(xw + c)·x where positive: h = [1.5, 0, 2.5, 0]
    assertArrayEquals(new float[] {1.5f, 0, 2.5f, 0}, w.grad().toFloatVector(), 1e-6f);
    assertEquals(1.5 * 1.5 + 2.5 * 2.5, before, 1e-6);
  }

  /** In Java mode released arrays go to the allocator's pool: the next array of that size reuses the memory. */
  @Test
  void releasedMemoryIsHandedOutAgain() {
    KernelModes.use(Kernels.Mode.JAVA);
    Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 64, 333));
    Tensor h = Ops.tanh(Ops.mulScalar(x, 2.0));
    Tensor loss = Ops.sum(h);
    long released = address(h.value());
    Autograd.release(loss);
    List<Long> next = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      next.add(address(Kernels.allocate(DataType.FLOAT, new long[] {64, 333})));
    }
    assertTrue(next.contains(released), "a released [64, 333] buffer at " + released + " was not reused: " + next);
  }

  /** A computed tensor whose array is a leaf's own (an op that passes its input through) leaves that memory alone. */
  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void memorySharedWithALeafIsKept(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor p = Tensor.parameter("p", Nd4j.rand(DataType.FLOAT, 64, 333));
    INDArray before = p.value().dup();
    Tensor same = Ops.record("passThrough", p.value(), g -> new Tensor[] {g}, p);
    Tensor loss = Ops.sum(Ops.mulScalar(same, 2.0));
    Autograd.release(loss);
    assertThrows(IllegalStateException.class, same::value);
    for (int i = 0; i < 4; i++) {
      assertTrue(address(Kernels.allocate(DataType.FLOAT, new long[] {64, 333})) != address(p.value()),
          "the parameter's memory was handed out again");
    }
    assertArrayEquals(before.data().asFloat(), p.value().data().asFloat());
  }

  /**
   * A detached tensor is a leaf of the graph that uses it: releasing that graph keeps the memory it shares with the
   * graph it was detached from (a GAN's generated batch: D's step releases first, G's step still needs it).
   */
  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void detachedSharedMemoryIsKept(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor p = Tensor.parameter("p", floats(1, 2, 3));
    Tensor fake = Ops.mulScalar(p, 2.0);
    Tensor lossD = Ops.sum(Ops.mul(fake.detach(), Tensor.parameter("q", floats(1, 1, 1))));
    Autograd.backward(lossD);
    Autograd.release(lossD);
    for (int i = 0; i < 20; i++) {
      Ops.mulScalar(Tensor.variable(floats(9, 9, 9)), 5.0);
    }
    assertArrayEquals(new float[] {2, 4, 6}, fake.value().toFloatVector());
    Tensor lossG = Ops.sum(Ops.mul(fake, fake));
    Autograd.backward(lossG);
    assertArrayEquals(new float[] {8, 16, 24}, p.grad().toFloatVector()); // d/dp Σ (2p)² = 8p
    Autograd.release(lossG, null);
    assertThrows(IllegalStateException.class, fake::value);
  }

  /**
   * Training with release after every step gives bit for bit the parameters of training without it: a small DCGAN
   * step (transposed convolutions, batch norm, reshapes, a detached generated batch) through every kernel path.
   */
  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void releasingEveryStepChangesNoResult(Kernels.Mode mode) {
    KernelModes.use(mode);
    List<INDArray> plain = trainTinyGan(false);
    List<INDArray> released = trainTinyGan(true);
    assertEquals(plain.size(), released.size());
    for (int i = 0; i < plain.size(); i++) {
      assertArrayEquals(plain.get(i).data().asFloat(), released.get(i).data().asFloat(), "parameter " + i);
    }
  }

  private static List<INDArray> trainTinyGan(boolean release) {
    SplittableRandom rng = new SplittableRandom(7);
    DataType f = DataType.FLOAT;
    Sequential g = new Sequential(new long[] {8}, List.of(new Dense(8, 16 * 4 * 4, rng),
        new Activation(Activation.Kind.RELU), new Reshape(16, 4, 4), new ConvTranspose2D(16, 8, 4, 2, 1, rng),
        new BatchNorm(2, 8, 1e-5, 0.1, true, f), new Activation(Activation.Kind.RELU),
        new ConvTranspose2D(8, 1, 4, 2, 1, rng), new Activation(Activation.Kind.TANH)));
    Sequential d = new Sequential(new long[] {1, 16, 16}, List.of(new Conv2D(1, 8, 4, 2, 1, rng),
        new Activation(Activation.Kind.LEAKY_RELU, 0.2), new Conv2D(8, 16, 4, 2, 1, rng),
        new BatchNorm(2, 16, 1e-5, 0.1, true, f), new Activation(Activation.Kind.LEAKY_RELU, 0.2),
        Reshape.flatten(), new Dense(16 * 4 * 4, 1, rng)));
    Optimizer og = new Adam.Config(2e-3, 0.5, 0.999, 1e-8, 0, false).build();
    Optimizer od = new Adam.Config(2e-3, 0.5, 0.999, 1e-8, 0, false).build();
    BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits();
    int batch = 6;
    Tensor ones = Tensor.constant(Nd4j.ones(f, batch, 1));
    Tensor zeros = Tensor.constant(Nd4j.zeros(f, batch, 1));
    for (int step = 0; step < 4; step++) {
      ForwardContext train = ForwardContext.train(rng);
      float[] z = new float[batch * 8];
      float[] real = new float[batch * 256];
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) rng.nextGaussian();
      }
      for (int i = 0; i < real.length; i++) {
        real[i] = (float) rng.nextDouble(-1, 1);
      }
      Tensor fake = g.forward(Tensor.of(z, batch, 8), train);
      Tensor ld = Ops.add(bce.apply(d.forward(Tensor.of(real, batch, 1, 16, 16), train), ones),
          bce.apply(d.forward(fake.detach(), train), zeros));
      d.zeroGrad();
      Autograd.backward(ld);
      od.step(d.parameters());
      if (release) {
        Autograd.release(ld);
      }
      Tensor lg = bce.apply(d.forward(fake, train), ones);
      g.zeroGrad();
      Autograd.backward(lg, g.parameters());
      og.step(g.parameters());
      if (release) {
        Autograd.release(lg);
      }
    }
    List<INDArray> out = new ArrayList<>();
    for (Tensor t : g.parameters()) {
      out.add(t.value().dup('c'));
    }
    for (Tensor t : d.parameters()) {
      out.add(t.value().dup('c'));
    }
    return out;
  }
}
