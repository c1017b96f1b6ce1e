package org.rlgan.nets;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a test: times each convolution of the DCGAN benchmark (forward, then the gradients of x and w), with
 * im2col + GEMM and with libnd4j's conv2d / conv2d_bp / deconv2d / deconv2d_bp ({@link ConvKernels#setNd4jConv}).
 * Prints the median milliseconds per forward + backward. Run with one native thread.
 */
public final class ConvLayersOpsBench {
  private ConvLayersOpsBench() {}

  private record Layer(String name, long[] x, long[] w, boolean transposed) {}

  public static void main(String[] args) {
    Conv2dOptions o = Conv2dOptions.of(2, 1);
    List<Layer> layers = List.of(
        new Layer("D conv 1->64 k4 s2 on 28x28", new long[] {64, 1, 28, 28}, new long[] {64, 1, 4, 4}, false),
        new Layer("D conv 64->128 k4 s2 on 14x14", new long[] {64, 64, 14, 14}, new long[] {128, 64, 4, 4}, false),
        new Layer("G convT 128->64 k4 s2 on 7x7", new long[] {64, 128, 7, 7}, new long[] {128, 64, 4, 4}, true),
        new Layer("G convT 64->1 k4 s2 on 14x14", new long[] {64, 64, 14, 14}, new long[] {64, 1, 4, 4}, true));
    for (Layer l : layers) {
      INDArray x = Nd4j.rand(DataType.FLOAT, l.x).subi(0.5);
      INDArray w = Nd4j.rand(DataType.FLOAT, l.w).subi(0.5).muli(0.1);
      double[] ms = new double[2];
      for (int impl = 0; impl < 2; impl++) {
        ConvKernels.setNd4jConv(impl == 1);
        Runnable r = () -> {
          Tensor xv = Tensor.variable(x);
          Tensor wv = Tensor.variable(w);
          Tensor y = l.transposed ? ConvOps.convTranspose2d(xv, wv, null, o, 0, 0) : ConvOps.conv2d(xv, wv, null, o);
          Autograd.grad(Ops.sum(y), List.of(xv, wv), false);
        };
        ms[impl] = time(r);
      }
      ConvKernels.setNd4jConv(false);
      System.out.printf("%-32s im2col+GEMM %7.2f ms   libnd4j %7.2f ms   (libnd4j/ours %.2f)%n", l.name, ms[0], ms[1],
          ms[1] / ms[0]);
    }
  }

  private static double time(Runnable r) {
    for (int i = 0; i < 5; i++) {
      r.run();
    }
    double[] t = new double[9];
    for (int k = 0; k < t.length; k++) {
      long s = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        r.run();
      }
      t[k] = (System.nanoTime() - s) / 1e6 / 3;
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }
}
