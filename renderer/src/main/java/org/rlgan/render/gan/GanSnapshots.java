package org.rlgan.render.gan;

import java.util.Locale;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.gan.data.RealData;
import org.rlgan.gan.pictures.DecisionSurface;
import org.rlgan.gan.pictures.ImageGrid;
import org.rlgan.gan.train.GanListener;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.gan.train.StepMetrics;
import org.rlgan.mdp.Rngs;

/**
 * A {@link GanListener} that turns the trainer's state into {@link GanFrame}s every {@code every} steps and hands
 * them to a sink (a {@link GanLiveView}): the generator's samples on the fixed noise and, for 2-D data, the
 * discriminator on a {@code res × res} grid over the real data's range plus a fixed set of real samples. It runs on
 * the training thread without gradients and draws only from its own generator, so training's numbers are the same
 * with or without it; its cost is one generator pass on the fixed noise and one discriminator pass on the grid per
 * frame.
 */
public final class GanSnapshots implements GanListener {

  /** Generated images shown at most. */
  static final int MAX_IMAGES = 64;

  private final RealData data;
  private final int every;
  private final int res;
  private final int realCount;
  private final Consumer<GanFrame> sink;
  private double[][] real;
  private double[] bounds;

  /**
   * @param every steps between frames (≥ 1)
   * @param res the decision surface's grid side (2-D data)
   * @param realCount real samples drawn once (seeded) and shown in every 2-D frame
   */
  public GanSnapshots(RealData data, int every, int res, int realCount, Consumer<GanFrame> sink) {
    if (every < 1 || res < 2 || realCount < 1) {
      throw new IllegalArgumentException("GanSnapshots: every " + every + " (>= 1), res " + res + " (>= 2), "
          + "realCount " + realCount + " (>= 1)");
    }
    this.data = data;
    this.every = every;
    this.res = res;
    this.realCount = realCount;
    this.sink = sink;
  }

  @Override
  public boolean onStep(GanTrainer trainer, StepMetrics m) {
    if (m.step() % every == 0) {
      sink.accept(frame(trainer, m));
    }
    return true;
  }

  /** The frame for the trainer's current state. */
  public GanFrame frame(GanTrainer trainer, StepMetrics m) {
    String caption = m == null ? "" : String.format(Locale.ROOT, "D loss %.3f  G loss %.3f  D(x) %.2f  D(G(z)) %.2f",
        m.discriminatorLoss(), m.generatorLoss(), m.realScore(), m.fakeScore());
    long step = trainer.stepCount();
    long[] shape = data.shape();
    if (shape.length == 1 && shape[0] == 2) {
      if (real == null) {
        INDArray r = data.sample(realCount, Rngs.seeded(0x5eed), DataType.DOUBLE);
        real = r.toDoubleMatrix();
        bounds = DecisionSurface.bounds(real);
      }
      double[][] fake = trainer.sampleFixedRows();
      return new GanFrame(step, real, fake, surface(trainer), res, bounds.clone(), new float[0][], new int[0],
          caption);
    }
    INDArray x = trainer.sampleFixed();
    if (shape.length == 3 && shape[0] != 1 && shape[0] != 3 && shape[0] < shape[1]) {
      // Channels first but neither grey nor RGB (MinAtar's object channels): gan-lab's palette, back to [−1, 1].
      x = ImageGrid.channelsToRgb(x, -1, 1).muli(2).subi(1);
      shape = new long[] {3, shape[1], shape[2]};
    }
    int n = (int) Math.min(MAX_IMAGES, x.size(0));
    int[] hwc = imageShape(shape);
    float[][] images = new float[n][];
    for (int i = 0; i < n; i++) {
      INDArray one = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).castTo(DataType.FLOAT);
      if (shape.length == 3 && (shape[0] == 1 || shape[0] == 3) && shape[2] != shape[0]) {
        one = one.permute(1, 2, 0);   // C, H, W -> H, W, C
      }
      images[i] = one.dup('c').reshape(-1).toFloatVector();
    }
    return new GanFrame(step, new double[0][], new double[0][], new double[0], 0, new double[0], images, hwc,
        caption);
  }

  /** {h, w, c} of a sample shape: [h, w], [h, w, c] (c last) or [c, h, w] (c = 1 or 3 first). */
  static int[] imageShape(long[] shape) {
    if (shape.length == 2) {
      return new int[] {(int) shape[0], (int) shape[1], 1};
    }
    if (shape.length == 3 && (shape[0] == 1 || shape[0] == 3) && shape[2] != shape[0]) {
      return new int[] {(int) shape[1], (int) shape[2], (int) shape[0]};
    }
    if (shape.length == 3) {
      return new int[] {(int) shape[0], (int) shape[1], (int) shape[2]};
    }
    throw new IllegalArgumentException("no picture for samples of shape " + java.util.Arrays.toString(shape)
        + "; 2-D points or images [h, w], [h, w, c], [c, h, w] only");
  }

  /**
   * D at the centres of the grid cells, top row first, in [0, 1]: σ(D) for the logit losses (minimax,
   * non-saturating), the critic's values scaled to [0, 1] over the grid for the others. With packing each grid
   * point is repeated {@code pack} times in the discriminator's row.
   */
  double[] surface(GanTrainer trainer) {
    return DecisionSurface.evaluate(trainer, bounds, res).values();
  }
}
