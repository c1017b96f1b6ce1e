package org.rlgan.gan.models;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.gan.layers.Maxout;
import org.rlgan.gan.train.GanArchitecture;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.init.FanMode;
import org.rlgan.nets.init.HeUniform;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.BatchNorm;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.Sequential;

/** Multilayer-perceptron GANs for low-dimensional data. */
public final class Mlp2d {
  private Mlp2d() {}

  /**
   * PacGAN's 2-D architecture (Lin et al. 2018, App.; code {@code 2DGrid_GAN&PacGAN/pacgan_task.py} and
   * {@code config.py}), itself ALI's (Dumoulin et al. 2017):
   *
   * <ul>
   *   <li>G: z [2] → 4 × (Dense 400 without bias → batch normalisation → ReLU) → Dense 2 (with bias);
   *   <li>D: [2m] → 3 × maxout (200 units, 5 pieces) → Dense 1;
   *   <li>weights N(0, 0.02²), biases 0; batch normalisation with Blocks' ε = 1e-4 and running averages with
   *       weight 0.05 on the new batch (their {@code m * 0.05 + p * 0.95}), γ = 1, β = 0.
   * </ul>
   */
  public static GanArchitecture pacgan() {
    return pacgan(400, 4, 200, 3, 5);
  }

  /** PacGAN's shape with other widths and depths (for tests and quick runs). */
  public static GanArchitecture pacgan(int genHidden, int genLayers, int discHidden, int discLayers, int pieces) {
    NormalInit w = new NormalInit(0.02);
    Constant zero = new Constant(0.0);
    return new GanArchitecture() {
      @Override
      public Layer generator(int noiseDim, long[] dataShape, RandomGenerator rng) {
        List<Layer> ls = new ArrayList<>();
        long in = noiseDim;
        for (int i = 0; i < genLayers; i++) {
          ls.add(new Dense(in, genHidden, false, w, zero, DataType.FLOAT, rng));
          ls.add(new BatchNorm(1, genHidden, 1e-4, 0.05, true, DataType.FLOAT));
          ls.add(new Activation(Activation.Kind.RELU, 0));
          in = genHidden;
        }
        ls.add(new Dense(in, dataShape[0], true, w, zero, DataType.FLOAT, rng));
        return new Sequential(new long[] {noiseDim}, ls);
      }

      @Override
      public Layer discriminator(long[] dataShape, int pack, RandomGenerator rng) {
        List<Layer> ls = new ArrayList<>();
        long in = dataShape[0] * pack;
        for (int i = 0; i < discLayers; i++) {
          ls.add(new Maxout(new Dense(in, (long) discHidden * pieces, true, w, zero, DataType.FLOAT, rng), pieces));
          in = discHidden;
        }
        ls.add(new Dense(in, 1, true, w, zero, DataType.FLOAT, rng));
        return new Sequential(new long[] {dataShape[0] * pack}, ls);
      }
    };
  }

  /**
   * The 2-D GAN of {@code ../shared/baselines/microbench.py} ({@code gan2d_ring_step_b256}) and
   * {@code gan2d_train.py}: G z → hidden → hidden → d and D [m·d] → hidden → hidden → 1, ReLU, PyTorch's default
   * weight initialisation (Kaiming-uniform with a = √5, i.e. U(−1/√fan_in, 1/√fan_in)); biases start at 0 here
   * (PyTorch draws them from the same uniform).
   */
  public static GanArchitecture relu(int hidden) {
    HeUniform torch = HeUniform.leakyRelu(Math.sqrt(5), FanMode.FAN_IN);
    Constant zero = new Constant(0.0);
    return new GanArchitecture() {
      @Override
      public Layer generator(int noiseDim, long[] dataShape, RandomGenerator rng) {
        return mlp(noiseDim, hidden, dataShape[0], torch, zero, rng);
      }

      @Override
      public Layer discriminator(long[] dataShape, int pack, RandomGenerator rng) {
        return mlp(dataShape[0] * pack, hidden, 1, torch, zero, rng);
      }
    };
  }

  private static Sequential mlp(long in, int hidden, long out, HeUniform w, Constant b, RandomGenerator rng) {
    return new Sequential(new long[] {in}, List.of(
        new Dense(in, hidden, true, w, b, DataType.FLOAT, rng), new Activation(Activation.Kind.RELU, 0),
        new Dense(hidden, hidden, true, w, b, DataType.FLOAT, rng), new Activation(Activation.Kind.RELU, 0),
        new Dense(hidden, out, true, w, b, DataType.FLOAT, rng)));
  }
}
