package org.rlgan.render.examples;

import java.nio.file.Path;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.render.gan.GanLiveView;
import org.rlgan.render.gan.GanSnapshots;
import org.rlgan.render.gl.VirtualDisplay;

/**
 * A GAN learning PacGAN's 8-Gaussian ring, watched live: the generated samples over the real ones and the
 * discriminator's decision surface, updated every 50 steps. Arguments: {@code [steps] [out.gif]}; with a GIF path
 * it records (offscreen, on a private Xvfb when there is no display) instead of opening a window.
 */
public final class GanRingLive {

  private GanRingLive() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    Path record = args.length > 1 ? Path.of(args[1]) : null;
    VirtualDisplay xvfb = record != null ? VirtualDisplay.startIfAbsent() : null;
    GaussianMixture ring = GaussianMixture.pacganRing();
    GanConfig c = GanConfig.builder().loss(new GanLoss.NonSaturating()).batchSize(256).noiseDim(2).seed(0)
        .evalNoiseSeed(1).evalSamples(1000).build();
    GanTrainer t = new GanTrainer(c, Mlp2d.relu(128), ring);
    try (GanLiveView view = GanLiveView.start(new GanLiveView.Options(record == null, record, 0, 640,
        "rlgan: GAN on the 8-Gaussian ring"))) {
      t.addListener(new GanSnapshots(ring, 50, 64, 1000, view.sink()));
      t.train(steps);
      System.out.println("trained " + steps + " steps" + (record == null ? "" : "; recorded " + view.recorded()
          + " frames to " + record));
    } finally {
      if (xvfb != null) {
        xvfb.close();
      }
    }
  }
}
