package org.rlgan.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rlgan.envs.HasScene;
import org.rlgan.envs.Registry;
import org.rlgan.envs.Scene;
import org.rlgan.mdp.Env;
import org.rlgan.render.scene.Scenes;

/**
 * Every registered environment's first frame after {@code reset(0)}, compared with a golden PNG in
 * {@code src/test/resources/golden/}: a pixel matches when every channel is within {@value #CHANNEL_TOLERANCE}, and
 * at most {@value #MISMATCH_FRACTION} of the pixels may differ (antialiased text and edges vary a little between
 * Mesa versions). What the frame must show is asserted in {@link ScenePixelTest}; this catches everything else.
 *
 * <p>Regenerate after an intended change of the drawing, then look at the PNGs before committing them:
 * {@code mvn -B -ntp -q -pl renderer -am test -Dtest=GoldenImageTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Drender.updateGoldens=true}.
 */
@ExtendWith(HeadlessDisplay.class)
class GoldenImageTest {

  static final int CHANNEL_TOLERANCE = 24;
  static final double MISMATCH_FRACTION = 0.005;
  static final boolean UPDATE = Boolean.getBoolean("render.updateGoldens");

  static Offscreen off;

  @BeforeAll
  static void open() {
    off = new Offscreen(600, 400);
  }

  @AfterAll
  static void close() {
    off.close();
  }

  static String fileName(String id) {
    return id.replace('/', '_') + ".png";
  }

  /** Compares {@code actual} with the golden {@code name}, or writes it when regenerating. */
  static void check(String name, BufferedImage actual) throws IOException {
    if (UPDATE) {
      Path dir = Path.of("src/test/resources/golden");
      Files.createDirectories(dir);
      ImageIO.write(actual, "png", dir.resolve(name).toFile());
      return;
    }
    BufferedImage golden;
    try (InputStream in = GoldenImageTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        fail("no golden image golden/" + name + "; regenerate with -Drender.updateGoldens=true (see the Javadoc)");
        return;
      }
      golden = ImageIO.read(in);
    }
    assertEquals(golden.getWidth() + "x" + golden.getHeight(), actual.getWidth() + "x" + actual.getHeight(), name);
    int bad = 0;
    for (int y = 0; y < golden.getHeight(); y++) {
      for (int x = 0; x < golden.getWidth(); x++) {
        int a = golden.getRGB(x, y);
        int b = actual.getRGB(x, y);
        int d = Math.max(Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)),
            Math.max(Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
        if (d > CHANNEL_TOLERANCE) {
          bad++;
        }
      }
    }
    int total = golden.getWidth() * golden.getHeight();
    assertTrue(bad <= MISMATCH_FRACTION * total, name + ": " + bad + " of " + total + " pixels differ");
  }

  /**
   * Whole frames with the overlay panel: FrozenLake with the exact solution's and a learned table's overlays side by
   * side and the policy's Q bars, after three steps; CartPole with Q bars of both signs.
   */
  @Test
  void playerFramesWithOverlaysMatchTheirGoldens(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Env<?, ?> lake = Registry.builtin().make("FrozenLake-v1");
    var exact = new org.rlgan.mdp.solve.PolicyIteration(org.rlgan.mdp.solve.PolicyIteration.Config.of(0.99))
        .solve(((org.rlgan.envs.toytext.FrozenLake) lake.unwrapped()).transitionModel());
    double[][] q = new double[16][4];
    for (int st = 0; st < 16; st++) {
      for (int a = 0; a < 4; a++) {
        q[st][a] = exact.q(st, a) * 0.8 + 0.02 * ((st + a) % 3);
      }
    }
    org.rlgan.render.play.Policy table = new org.rlgan.render.play.Policy() {
      @Override
      public Object act(double[] obs) {
        return exact.policy()[(int) obs[0]];
      }

      @Override
      public double[] qValues(double[] obs) {
        return q[(int) obs[0]].clone();
      }

      @Override
      public String name() {
        return "table";
      }
    };
    new org.rlgan.render.play.Player(lake, () -> table, List.of(new org.rlgan.render.scene.GridOverlay("exact V*",
        exact.values(), exact.policy()), org.rlgan.render.scene.GridOverlay.fromQ("learned Q", q)),
        new org.rlgan.render.play.Player.Options(0, 30, 4, 4, dir.resolve("lake.png"), false, false, "t")).run();
    check("player_FrozenLake-v1.png", ImageIO.read(dir.resolve("lake-00003.png").toFile()));
    Env<?, ?> cart = Registry.builtin().make("CartPole-v1");
    org.rlgan.render.play.Policy signs = new org.rlgan.render.play.Policy() {
      @Override
      public Object act(double[] obs) {
        return 1;
      }

      @Override
      public double[] qValues(double[] obs) {
        return new double[] {-0.5, 1.25};
      }
    };
    new org.rlgan.render.play.Player(cart, () -> signs, List.of(),
        new org.rlgan.render.play.Player.Options(0, 30, 0, 3, dir.resolve("cart.png"), false, false, "t")).run();
    check("player_CartPole-v1.png", ImageIO.read(dir.resolve("cart-00002.png").toFile()));
  }

  @Test
  void everyEnvironmentMatchesItsGolden() throws IOException {
    List<String> failures = new ArrayList<>();
    for (String id : Registry.builtin().ids()) {
      Env<?, ?> env = Registry.builtin().make(id);
      env.reset(0);
      Scene s = ((HasScene) env.unwrapped()).scene();
      int[] size = Scenes.preferredSize(s, 0);
      off.resize(size[0], size[1]);
      BufferedImage img = off.renderImage(g -> Scenes.paint(g, s, 0, 0, size[0], size[1]));
      try {
        check(fileName(id), img);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
