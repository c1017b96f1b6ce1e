package org.rlgan.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.render.gan.GanFrame;
import org.rlgan.render.gan.GanLiveView;
import org.rlgan.render.gan.GanSnapshots;
import org.rlgan.render.gan.GanViews;
import org.rlgan.render.scene.Colours;

/** The GAN views: what the pixels mean, and snapshots of a real trainer shown and recorded live. */
@ExtendWith(HeadlessDisplay.class)
class GanViewTest {

  @Test
  void surfaceAndSamplesAreDrawnWhereTheyBelong() {
    // D = 0 on the left half of a 4x4 grid, 1 on the right; one real point top-left, one fake bottom-right
    double[] surface = new double[16];
    for (int i = 0; i < 16; i++) {
      surface[i] = i % 4 < 2 ? 0 : 1;
    }
    GanFrame f = new GanFrame(7, new double[][] {{-0.75, 0.75}}, new double[][] {{0.75, -0.75}}, surface, 4,
        new double[] {-1, 1, -1, 1}, new float[0][], new int[0], "caption");
    try (Offscreen off = new Offscreen(400, 424); GanViews v = new GanViews()) {
      int[] px = off.render(g -> v.paint(g, f, 0, 0, 400, 424));
      // caption 22 px, then a 400-px square view: x = (p + 1) / 2 * 400, y = 22 + (1 - p) / 2 * 400
      int w = 400;
      assertEquals(GanViews.surfaceColour(0), px[(22 + 200) * w + 20], "fake side (blue)");
      assertEquals(GanViews.surfaceColour(1), px[(22 + 200) * w + 380], "real side (red)");
      assertEquals(GanViews.REAL, px[(22 + 50) * w + 50], "the real sample at (-0.75, 0.75)");
      assertEquals(GanViews.FAKE, px[(22 + 350) * w + 350], "the fake sample at (0.75, -0.75)");
      assertTrue(Colours.blue(GanViews.surfaceColour(0)) > Colours.red(GanViews.surfaceColour(0)));
      assertEquals(Colours.WHITE, GanViews.surfaceColour(0.5));
      // the caption is glyphs from the font atlas, even though a texture was uploaded after it was queued: the
      // same ink as the text drawn alone (a wrong texture gives solid black boxes)
      int[] alone = off.render(g -> {
        g.canvas().clear(Colours.WHITE);
        g.small().draw(g.canvas(), "step 7  caption", 6, 4, Colours.BLACK);
      });
      int ink = 0;
      int aloneInk = 0;
      for (int i = 0; i < 20 * w; i++) {
        ink += px[i] != Colours.WHITE ? 1 : 0;
        aloneInk += alone[i] != Colours.WHITE ? 1 : 0;
      }
      assertTrue(aloneInk > 40, "caption ink " + aloneInk);
      assertEquals(aloneInk, ink, "caption pixels");
    }
  }

  @Test
  void imageSamplesFormAGrid() {
    // four 2x2 grey images, values -1 (black) .. 1 (white)
    float[][] imgs = {{-1, -1, -1, -1}, {1, 1, 1, 1}, {0, 0, 0, 0}, {-1, 1, -1, 1}};
    GanFrame f = new GanFrame(1, new double[0][], new double[0][], new double[0], 0, new double[0], imgs,
        new int[] {2, 2, 1}, "");
    try (Offscreen off = new Offscreen(300, 322); GanViews v = new GanViews()) {
      int[] px = off.render(g -> v.paint(g, f, 0, 0, 300, 322));
      // texture 7x7 (2 columns of 2 px + 3 separators), scaled 300/7 = 42.86 px per texel, from y = 22
      double t = 300 / 7.0;
      assertEquals(Colours.BLACK, px[(int) (22 + 1.5 * t) * 300 + (int) (1.5 * t)], "image 0 black");
      assertEquals(Colours.WHITE, px[(int) (22 + 1.5 * t) * 300 + (int) (4.5 * t)], "image 1 white");
      assertEquals(Colours.rgb(128, 128, 128), px[(int) (22 + 4.5 * t) * 300 + (int) (1.5 * t)], "image 2 grey");
      assertEquals(Colours.WHITE, px[(int) (22 + 4.5 * t) * 300 + (int) (5.5 * t)], "image 3's right column");
      assertEquals(Colours.BLACK, px[(int) (22 + 4.5 * t) * 300 + (int) (4.5 * t)], "image 3's left column");
    }
  }

  @Test
  void snapshotsOfATrainerAreShownAndRecordedWithoutChangingTraining(@TempDir Path dir) throws Exception {
    GaussianMixture ring = GaussianMixture.pacganRing();
    GanConfig c = GanConfig.builder().loss(new GanLoss.NonSaturating()).batchSize(64).noiseDim(2).seed(3)
        .evalNoiseSeed(5).evalSamples(200).build();
    GanTrainer plain = new GanTrainer(c, Mlp2d.relu(32), ring);
    plain.train(12);
    List<GanFrame> frames = new ArrayList<>();
    Path gif = dir.resolve("gan.gif");
    GanTrainer watched = new GanTrainer(c, Mlp2d.relu(32), ring);
    try (GanLiveView view = GanLiveView.start(new GanLiveView.Options(false, gif, 0, 320, "gan"))) {
      watched.addListener(new GanSnapshots(ring, 4, 32, 300, f -> {
        frames.add(f);
        view.sink().accept(f);
        // give the view time to record each snapshot (it records the latest one it sees)
        long until = System.nanoTime() + 2_000_000_000L;
        while (view.recorded() < frames.size() && System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }));
      watched.train(12);
    }
    assertEquals(3, frames.size(), "steps 4, 8, 12");
    assertEquals(12, frames.get(2).step());
    assertArrayEquals(plain.sampleFixedRows()[0], watched.sampleFixedRows()[0], "training is unchanged");
    assertArrayEquals(watched.sampleFixedRows()[7], frames.get(2).fake()[7], "the frame shows the fixed samples");
    assertEquals(32 * 32, frames.get(0).surface().length);
    ImageReader reader = ImageIO.getImageReadersBySuffix("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      assertEquals(3, reader.getNumImages(true));
      assertEquals(320, reader.getWidth(0));
    } finally {
      reader.dispose();
    }
  }

  @Test
  void multiChannelFramesAreShownThroughGanLabsPalette() {
    // Two 4-channel 12 x 12 frames (MinAtar-like): all off except channel 2 at pixel (0, 0) of frame 0.
    float[] px = new float[2 * 4 * 144];
    java.util.Arrays.fill(px, -1f);
    px[2 * 144] = 1f;
    org.rlgan.gan.data.ImageSet frames = new org.rlgan.gan.data.ImageSet(px, new long[] {4, 12, 12}, "test");
    GanTrainer t = new GanTrainer(GanConfig.builder().batchSize(4).noiseDim(4).evalSamples(3).build(),
        new org.rlgan.gan.models.Dcgan(2), frames);
    GanFrame f = new GanSnapshots(frames, 1, 8, 10, x -> { }).frame(t, null);
    assertArrayEquals(new int[] {12, 12, 3}, f.imageShape(), "shown as RGB");
    assertEquals(3, f.images().length);
    assertEquals(12 * 12 * 3, f.images()[0].length);
  }
}
