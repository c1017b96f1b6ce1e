package org.rlgan.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parity with the reference implementation (kenjyoung/MinAtar, {@code minatar/environments/*.py}) step by step.
 * The traces in {@code src/test/resources/reference/minatar} were recorded by {@code make_traces.py} with the
 * reference's {@code numpy.random.RandomState} replaced by a scripted SplitMix64 stream ({@link ScriptedRandom}), and
 * sticky actions applied as {@code minatar.Environment.act} does from the same stream. Replaying the recorded
 * actions through {@link MinAtarEnv} with that stream must give the same applied actions, rewards, game overs and
 * observations (CRC-32 of the (10, 10, C) uint8 state) on every step, through every reset: the same draws, in the
 * same order, with the same rules.
 */
class MinAtarParityTest {

  /** SplitMix64; {@code nextDouble = (x >>> 11) * 2^-53} and {@code nextInt(n) = (int) (nextDouble() * n)}. */
  static final class ScriptedRandom implements RandomGenerator {
    private long s;

    ScriptedRandom(long seed) {
      this.s = seed;
    }

    @Override
    public long nextLong() {
      s += 0x9E3779B97F4A7C15L;
      long z = s;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    @Override
    public double nextDouble() {
      return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public int nextInt(int bound) {
      return (int) (nextDouble() * bound);
    }
  }

  private static long crc(int[] obs) {
    byte[] bytes = new byte[obs.length];
    for (int i = 0; i < obs.length; i++) {
      bytes[i] = (byte) obs[i];
    }
    CRC32 c = new CRC32();
    c.update(bytes);
    return c.getValue();
  }

  @ParameterizedTest
  @EnumSource(MinAtar.Game.class)
  void replaysTheReferenceTrace(MinAtar.Game game) throws IOException {
    String file = "/reference/minatar/" + game.module() + ".txt";
    try (InputStream in = MinAtarParityTest.class.getResourceAsStream(file)) {
      assertTrue(in != null, "missing " + file);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String[] header = r.readLine().split(" ");
      long seed = Long.parseLong(header[3]);
      double sticky = Double.parseDouble(header[5]);
      MinAtarEnv env = new MinAtarEnv(game, new MinAtarEnv.Config(sticky, true, false));
      env.resetWith(new ScriptedRandom(seed));
      int steps = 0;
      int resets = 0;
      String line;
      for (int n = 2; (line = r.readLine()) != null; n++) {
        String[] f = line.split(" ");
        String where = game + " line " + n;
        if (f[0].equals("R")) {
          if (resets++ > 0) {
            env.reset();
          }
          assertEquals(Long.parseLong(f[1]), crc(env.observation()), where + ": observation after reset");
          continue;
        }
        var s = env.step(Integer.parseInt(f[0]));
        steps++;
        assertEquals(Integer.parseInt(f[1]), env.lastAction(), where + ": applied (sticky) action");
        assertEquals(Double.parseDouble(f[2]), s.reward(), where + ": reward");
        assertEquals(f[3].equals("1"), s.terminated(), where + ": terminal");
        assertEquals(Long.parseLong(f[4]), crc(s.observation()), where + ": observation");
      }
      assertTrue(steps >= 4000 && resets > 2, game + ": " + steps + " steps, " + resets + " resets");
    }
  }
}
