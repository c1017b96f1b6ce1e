package org.rlgan.nets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a test: times training-mode batch normalisation, forward and backward, on the DCGAN's two shapes, with this
 * project's fused Java kernels ({@link ConvKernels#batchNormForward}, {@link ConvKernels#batchNormBackward}) and
 * with libnd4j's ops (ND4J reductions for the batch mean and variance, then {@code batchnorm} and
 * {@code batchnorm_bp}, axis 1). Prints the median thread CPU time per call of each. Run with one native thread.
 */
public final class BatchNormOpsBench {
  private BatchNormOpsBench() {}

  public static void main(String[] args) {
    System.out.println("helpersAllowed=" + Nd4j.getEnvironment().helpersAllowed());
    for (long[] shape : new long[][] {{64, 128, 7, 7}, {64, 64, 14, 14}}) {
      int c = (int) shape[1];
      INDArray x = Nd4j.rand(DataType.FLOAT, shape).muli(2).subi(1);
      INDArray g = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
      INDArray gamma = Nd4j.rand(DataType.FLOAT, c).addi(0.5);
      INDArray beta = Nd4j.rand(DataType.FLOAT, c);
      double[] mean = new double[c];
      double[] var = new double[c];
      double[] inv = new double[c];
      Runnable ours = () -> {
        INDArray y = ConvKernels.batchNormForward(x, gamma, beta, 1e-5, mean, var, inv);
        INDArray[] r = ConvKernels.batchNormBackward(g, x, mean, inv, gamma, true);
        y.close();
        r[0].close();
      };
      Runnable nd4j = () -> {
        INDArray m = x.mean(0, 2, 3);
        INDArray v = x.var(false, 0, 2, 3);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, shape);
        Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(x, m, v, gamma, beta).addOutputs(y)
            .addIntegerArguments(1, 1, 1).addFloatingPointArguments(1e-5).build());
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, shape);
        INDArray dm = Nd4j.createUninitialized(DataType.FLOAT, c);
        INDArray dv = Nd4j.createUninitialized(DataType.FLOAT, c);
        INDArray dg = Nd4j.createUninitialized(DataType.FLOAT, c);
        INDArray db = Nd4j.createUninitialized(DataType.FLOAT, c);
        Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp").addInputs(x, m, v, gamma, beta, g)
            .addOutputs(dx, dm, dv, dg, db).addIntegerArguments(1, 1, 1).addFloatingPointArguments(1e-5).build());
        y.close();
        dx.close();
      };
      System.out.printf("%s ours (fused Java) %.2f ms, libnd4j batchnorm + batchnorm_bp %.2f ms%n",
          java.util.Arrays.toString(shape), time(ours), time(nd4j));
    }
  }

  // Thread CPU time: on a shared machine the wall clock swings with the neighbours' load (one native thread, so
  // libnd4j and the Java kernels compute in this thread).
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private static double time(Runnable r) {
    for (int i = 0; i < 20; i++) {
      r.run();
    }
    double[] t = new double[15];
    for (int k = 0; k < t.length; k++) {
      long s = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < 10; i++) {
        r.run();
      }
      t[k] = (THREADS.getCurrentThreadCpuTime() - s) / 1e6 / 10;
    }
    java.util.Arrays.sort(t);
    return t[t.length / 2];
  }
}
