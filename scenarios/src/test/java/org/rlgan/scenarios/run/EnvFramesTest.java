package org.rlgan.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.envs.Registry;
import org.rlgan.gan.data.ImageSet;
import org.rlgan.mdp.Env;
import org.rlgan.render.play.Policies;
import org.rlgan.render.play.Policy;
import org.rlgan.scenarios.spec.GanDataSpec;

/** Environment frames as GAN data: the mapping, the padding, and the same frames for the same seed. */
class EnvFramesTest {

  static GanDataSpec.EnvFramesSpec spec(int frames, long seed) {
    return new GanDataSpec.EnvFramesSpec("env_frames", "MinAtar/Breakout-v1", Map.of(), frames, "random", seed);
  }

  @Test
  void framesAreTheObservationsMappedToMinusOneOnePaddedToTwelve() {
    ImageSet set = EnvFrames.collect(spec(300, 4));
    assertEquals(300, set.size());
    assertArrayEquals(new long[] {4, 12, 12}, set.shape());
    // Replay the collection by hand: reset(seed + episode), the random policy seeded with seed + 1.
    @SuppressWarnings("unchecked")
    Env<Object, Object> env = (Env<Object, Object>) Registry.builtin().make("MinAtar/Breakout-v1");
    Policy p = Policies.random(env.actionSpace(), 5);
    List<int[]> obs = new ArrayList<>();
    int[] o = (int[]) env.reset(4).observation();
    long episode = 0;
    while (obs.size() < 300) {
      obs.add(o);
      var st = env.step(p.act(new double[o.length]));
      o = (int[]) st.observation();
      if (st.terminated() || st.truncated()) {
        o = (int[]) env.reset(4 + ++episode).observation();
      }
    }
    assertTrue(episode >= 1, "300 random Breakout frames span more than one episode");
    INDArray x = set.images(0, 300);
    int ones = 0;
    for (int i = 0; i < 300; i += 7) {
      for (int c = 0; c < 4; c++) {
        for (int y = 0; y < 12; y++) {
          for (int xx = 0; xx < 12; xx++) {
            boolean inside = y >= 1 && y <= 10 && xx >= 1 && xx <= 10;
            float want = inside ? 2f * obs.get(i)[((y - 1) * 10 + xx - 1) * 4 + c] - 1f : -1f;
            assertEquals(want, x.getFloat(i, c, y, xx), 0, "frame " + i + " channel " + c + " (" + y + ", " + xx + ")");
            ones += want > 0 ? 1 : 0;
          }
        }
      }
    }
    assertTrue(ones > 0, "the frames show objects");
  }

  @Test
  void sameSeedSameFramesOtherSeedOtherFrames() {
    INDArray a = EnvFrames.collect(spec(200, 0)).images(0, 200);
    assertEquals(a, EnvFrames.collect(spec(200, 0)).images(0, 200));
    assertNotEquals(a, EnvFrames.collect(spec(200, 1)).images(0, 200));
  }

  @Test
  void vectorObservationsAreRefused() {
    var ex = assertThrows(IllegalArgumentException.class, () -> EnvFrames.imageShape(
        Registry.builtin().make("CartPole-v1").observationSpace()));
    assertTrue(ex.getMessage().contains("not images; env_frames needs MultiBinary(H, W, C)"), ex.getMessage());
  }
}
