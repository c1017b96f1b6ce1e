package org.rlgan.nets;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a test: times each convolution of the DCGAN and MinAtar benchmarks (forward, then the gradients of x and w),
 * with im2col + GEMM and with libnd4j's conv2d / conv2d_bp / deconv2d / deconv2d_bp ({@link ConvKernels#setImpl};
 * on the {@code -onednn} build of nd4j-native these run on oneDNN for float32). Prints the median thread CPU
 * milliseconds per forward + backward (one native thread: OpenBLAS, libnd4j and oneDNN then compute in the calling
 * thread, so the load of a shared machine disturbs it little).
 */
public final class ConvLayersOpsBench {
  private ConvLayersOpsBench() {}

  private record Layer(String name, long[] x, long[] w, boolean transposed, Conv2dOptions o) {}

  public static void main(String[] args) {
    Conv2dOptions dcgan = Conv2dOptions.of(2, 1);
    List<Layer> layers = List.of(
        new Layer("MinAtar conv 4->16 k3 s1 on 10x10", new long[] {32, 4, 10, 10}, new long[] {16, 4, 3, 3}, false,
            Conv2dOptions.of(1, 0)),
        new Layer("D conv 1->64 k4 s2 on 28x28", new long[] {64, 1, 28, 28}, new long[] {64, 1, 4, 4}, false, dcgan),
        new Layer("D conv 64->128 k4 s2 on 14x14", new long[] {64, 64, 14, 14}, new long[] {128, 64, 4, 4}, false,
            dcgan),
        new Layer("G convT 128->64 k4 s2 on 7x7", new long[] {64, 128, 7, 7}, new long[] {128, 64, 4, 4}, true,
            dcgan),
        new Layer("G convT 64->1 k4 s2 on 14x14", new long[] {64, 64, 14, 14}, new long[] {64, 1, 4, 4}, true, dcgan),
        // Between those, to place the crossover of the default rule (ConvKernels.preferNd4j): Atari DQN's
        // torso (Mnih et al. 2015) at batch 32, and two small 3x3 layers.
        new Layer("conv 16->32 k3 s1 on 10x10 (b32)", new long[] {32, 16, 10, 10}, new long[] {32, 16, 3, 3}, false,
            Conv2dOptions.of(1, 1)),
        new Layer("Atari conv 4->32 k8 s4 on 84x84", new long[] {32, 4, 84, 84}, new long[] {32, 4, 8, 8}, false,
            Conv2dOptions.of(4, 0)),
        new Layer("Atari conv 32->64 k4 s2 on 20x20", new long[] {32, 32, 20, 20}, new long[] {64, 32, 4, 4}, false,
            Conv2dOptions.of(2, 0)),
        new Layer("Atari conv 64->64 k3 s1 on 9x9", new long[] {32, 64, 9, 9}, new long[] {64, 64, 3, 3}, false,
            Conv2dOptions.of(1, 0)));
    String only = args.length > 0 ? args[0] : "";
    System.out.println("oneDNN in this nd4j-native build: " + ConvKernels.ONEDNN);
    for (Layer l : layers) {
      if (!l.name.contains(only)) {
        continue;
      }
      Conv2dOptions o = l.o;
      INDArray x = Nd4j.rand(DataType.FLOAT, l.x).subi(0.5);
      INDArray w = Nd4j.rand(DataType.FLOAT, l.w).subi(0.5).muli(0.1);
      double[] ms = new double[2];
      for (int impl = 0; impl < 2; impl++) {
        ConvKernels.setImpl(impl == 1 ? ConvKernels.Impl.ND4J : ConvKernels.Impl.GEMM);
        Runnable r = () -> {
          Tensor xv = Tensor.variable(x);
          Tensor wv = Tensor.variable(w);
          Tensor y = l.transposed ? ConvOps.convTranspose2d(xv, wv, null, o, 0, 0) : ConvOps.conv2d(xv, wv, null, o);
          Autograd.grad(Ops.sum(y), List.of(xv, wv), false);
        };
        ms[impl] = time(r);
      }
      ConvKernels.setImpl(ConvKernels.Impl.AUTO);
      System.out.printf("%-32s im2col+GEMM %7.2f ms   libnd4j %7.2f ms   (libnd4j/ours %.2f)%n", l.name, ms[0], ms[1],
          ms[1] / ms[0]);
    }
  }

  private static double time(Runnable r) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 5; i++) {
      r.run();
    }
    double[] t = new double[9];
    for (int k = 0; k < t.length; k++) {
      long s = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 3; i++) {
        r.run();
      }
      t[k] = (mx.getCurrentThreadCpuTime() - s) / 1e6 / 3;
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }
}
