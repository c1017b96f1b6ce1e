package org.rlgan.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.render.play.Player;
import org.rlgan.render.play.Policies;
import org.rlgan.render.play.Policy;
import org.rlgan.render.scene.Colours;
import org.rlgan.render.scene.Scenes;

/** Offscreen playback and recording. */
@ExtendWith(HeadlessDisplay.class)
class PlayerTest {

  static Player.Options offscreen(int episodes, int frames, Path record) {
    return new Player.Options(episodes, 30, 7, frames, record, false, false, "test");
  }

  @Test
  void recordedGifDecodesToTheFramesPlayedAtTheFrameSizeAndLoops(@TempDir Path dir) throws Exception {
    Env<?, ?> env = Registry.builtin().make("CartPole-v1");
    Path gif = dir.resolve("sub/cartpole.gif");
    Player p = new Player(env, () -> Policies.random(env.actionSpace(), 3), List.of(), offscreen(0, 25, gif));
    int[] size = p.preferredSize();
    Player.Result r = p.run();
    assertEquals(25, r.frames());
    assertEquals(25, r.recorded());
    ImageReader reader = ImageIO.getImageReadersBySuffix("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      assertEquals(25, reader.getNumImages(true));
      BufferedImage first = reader.read(0);
      assertEquals(size[0], first.getWidth());
      assertEquals(size[1], first.getHeight());
      assertEquals(600 + 250, first.getWidth(), "CartPole's 600 px and the 250-px overlay panel");
      // the cart is black and the sky white in the decoded frame too (the palette kept them)
      assertEquals(Colours.WHITE, first.getRGB(10, 10));
      BufferedImage last = reader.read(24);
      int changed = 0;
      for (int y = 0; y < last.getHeight(); y++) {
        for (int x = 0; x < 600; x++) {
          if (first.getRGB(x, y) != last.getRGB(x, y)) {
            changed++;
          }
        }
      }
      assertTrue(changed > 50, "the scene moves between frames: " + changed);
      IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0)
          .getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
      assertEquals("NETSCAPE", app.getAttribute("applicationID"));
      byte[] loop = (byte[]) app.getUserObject();
      assertEquals(1, loop[0]);
      assertEquals(0, loop[1] | loop[2], "loop count 0: forever");
      IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
      assertEquals("3", gce.getAttribute("delayTime"), "30 fps = 3.33 hundredths of a second per frame");
    } finally {
      reader.dispose();
    }
  }

  @Test
  void pngFramesAreNumberedAndEpisodesFollowTheSeeds(@TempDir Path dir) throws Exception {
    Env<?, ?> env = Registry.builtin().make("FrozenLake-v1");
    Player.Result a = new Player(env, () -> Policies.random(env.actionSpace(), 5), List.of(),
        offscreen(3, 0, dir.resolve("lake.png"))).run();
    assertEquals(3, a.returns().size());
    int total = a.lengths().stream().mapToInt(Integer::intValue).sum();
    // one frame per state shown: each episode's first state, then one per step
    assertEquals(total + 3, a.frames());
    assertEquals(a.frames(), a.recorded());
    assertTrue(Files.exists(dir.resolve("lake-00000.png")));
    assertTrue(Files.exists(dir.resolve("lake-" + String.format("%05d", a.frames() - 1) + ".png")));
    assertTrue(Files.notExists(dir.resolve("lake-" + String.format("%05d", a.frames()) + ".png")));
    Player.Result b = new Player(env, () -> Policies.random(env.actionSpace(), 5), List.of(),
        offscreen(3, 0, null)).run();
    assertEquals(a.returns(), b.returns(), "same seeds and policy seed, same episodes");
    assertEquals(a.lengths(), b.lengths());
  }

  @Test
  void theOverlayShowsTheQValuesOfThePolicy(@TempDir Path dir) throws Exception {
    Env<?, ?> env = Registry.builtin().make("CartPole-v1");
    Policy withQ = new Policy() {
      @Override
      public Object act(double[] obs) {
        return obs[2] > 0 ? 1 : 0;
      }

      @Override
      public double[] qValues(double[] obs) {
        return new double[] {10, 20};
      }
    };
    Path png = dir.resolve("q.png");
    new Player(env, () -> withQ, List.of(), offscreen(0, 1, png)).run();
    BufferedImage img = ImageIO.read(dir.resolve("q-00000.png").toFile());
    // bar colours: action 1 (the larger Q) in the highlight colour, action 0 in the plain bar colour
    int best = 0;
    int plain = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 600; x < img.getWidth(); x++) {
        int c = img.getRGB(x, y);
        best += c == Colours.rgb(250, 190, 40) ? 1 : 0;
        plain += c == Colours.rgb(90, 140, 220) ? 1 : 0;
      }
    }
    assertTrue(best > 0 && plain > 0, "both bars drawn");
    // Q 20 has twice the bar of Q 10 (the label in the highlight colour adds a little)
    assertTrue(best > 1.8 * plain && best < 2.6 * plain, "bar areas " + best + " vs " + plain);
    assertNotEquals(0, Scenes.preferredSize(new org.rlgan.envs.classic.CartPoleScene(0, 0, 2.4, 0.2, 4.8, 1), 0)[0]);
  }

  @Test
  void aLiveWindowPlaysAndRecordsTheStepsItShows(@TempDir Path dir) throws Exception {
    Env<?, ?> env = Registry.builtin().make("MinAtar/Breakout-v1");
    Path gif = dir.resolve("live.gif");
    // 1,000 steps/s: every drawn frame (at least 30 a second) is due a step
    Player.Result r = new Player(env, () -> Policies.random(env.actionSpace(), 1), List.of(),
        new Player.Options(0, 1000, 0, 20, gif, true, false, "live")).run();
    assertEquals(20, r.frames());
    assertTrue(r.recorded() >= 2 && r.recorded() <= 20, "recorded " + r.recorded());
    ImageReader reader = ImageIO.getImageReadersBySuffix("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      assertEquals(r.recorded(), reader.getNumImages(true));
    } finally {
      reader.dispose();
    }
  }

  @Test
  void badOptionsAreRefusedWithTheirName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Player.Options(0, 30, 0, 0, null, false, false,
        "t")).getMessage().contains("offscreen play needs an episode or frame limit"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Player.Options(1, 0, 0, 0, null, false, false,
        "t")).getMessage().contains("fps is 0.0"));
  }
}
