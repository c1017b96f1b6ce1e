package org.rlgan.agents.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.agents.DqnConfig;
import org.rlgan.mdp.Rngs;

class ReplayBufferTest {

  private static void fill(ReplayBuffer b, int n) {
    for (int i = 0; i < n; i++) {
      b.add(new float[] {i, -i}, 0, i % 3, i * 0.5, new float[] {i + 1, -i - 1}, 0, 0.99);
    }
  }

  @Test
  void uniformBufferOverwritesTheOldestAndStoresWhatWasAdded() {
    ReplayBuffer b = new ReplayBuffer(4, 2, null);
    fill(b, 6);
    assertEquals(4, b.size());
    Batch slot0 = b.get(0); // transition 4 overwrote transition 0
    assertArrayEquals(new float[] {4, -4}, slot0.obs());
    assertArrayEquals(new float[] {5, -5}, slot0.nextObs());
    assertEquals(1, slot0.actions()[0]);
    assertEquals(2.0f, slot0.rewards()[0]);
    assertEquals(0.99f, slot0.discounts()[0]);
  }

  /** Schaul et al. 2016, eq. 1: sampled frequencies approach p_i^α / Σ p^α. */
  @Test
  void prioritizedSamplingFrequenciesMatchPriorities() {
    double alpha = 0.7;
    ReplayBuffer b = new ReplayBuffer(5, 2, new DqnConfig.Prioritized(alpha, 0.4, 1000, 1e-6));
    fill(b, 5);
    double[] td = {0.1, 1.0, 2.0, 0.0, 4.0};
    b.updatePriorities(new int[] {0, 1, 2, 3, 4}, td);
    double[] expected = new double[5];
    double z = 0;
    for (int i = 0; i < 5; i++) {
      expected[i] = Math.pow(td[i] + 1e-6, alpha);
      z += expected[i];
    }
    var rng = Rngs.seeded(11);
    long[] counts = new long[5];
    int draws = 0;
    for (int k = 0; k < 4000; k++) {
      Batch batch = b.sample(32, 0.5, rng);
      for (int i : batch.indices()) {
        counts[i]++;
        draws++;
      }
    }
    for (int i = 0; i < 5; i++) {
      double p = expected[i] / z;
      double f = (double) counts[i] / draws;
      // stratified sampling has less variance than multinomial; 5 multinomial sigmas is a loose bound
      double sigma = Math.sqrt(p * (1 - p) / draws);
      assertEquals(p, f, 5 * sigma + 1e-6, "slot " + i);
    }
    assertTrue(counts[3] < draws * 1e-3, "a zero TD error leaves only ε of priority");
  }

  /** Schaul et al. 2016, Alg. 1 line 10: w_i = (N·P(i))^−β / max_j w_j. */
  @Test
  void importanceWeightsAreNormalisedByTheLargestPossibleWeight() {
    ReplayBuffer b = new ReplayBuffer(4, 2, new DqnConfig.Prioritized(1.0, 0.4, 1000, 1e-6));
    fill(b, 4);
    b.updatePriorities(new int[] {0, 1, 2, 3}, new double[] {1, 2, 3, 4});
    double beta = 0.5;
    Batch batch = b.sample(64, beta, Rngs.seeded(2));
    double total = 1 + 2 + 3 + 4 + 4e-6;
    double maxW = Math.pow(4 * (1 + 1e-6) / total, -beta);
    for (int k = 0; k < batch.size(); k++) {
      int i = batch.indices()[k];
      double p = (i + 1 + 1e-6) / total;
      assertEquals(Math.pow(4 * p, -beta) / maxW, batch.weights()[k], 1e-6);
    }
  }

  @Test
  void newTransitionsGetTheLargestPrioritySeen() {
    ReplayBuffer b = new ReplayBuffer(4, 2, new DqnConfig.Prioritized(1.0, 0.4, 1000, 1e-6));
    fill(b, 2);
    b.updatePriorities(new int[] {0}, new double[] {7.0});
    fill(b, 1);
    assertEquals(7.0 + 1e-6, b.priority(2), 1e-12);
  }

  @Test
  void betaIsAnnealedLinearlyToOne() {
    DqnConfig.Prioritized p = new DqnConfig.Prioritized(0.6, 0.4, 1000, 1e-6);
    assertEquals(0.4, p.beta(0));
    assertEquals(0.7, p.beta(500), 1e-12);
    assertEquals(1.0, p.beta(1000));
    assertEquals(1.0, p.beta(5000));
  }

  @Test
  void saveAndLoadRestoreContentsPositionAndPriorities(@TempDir Path dir) throws Exception {
    DqnConfig.Prioritized per = DqnConfig.Prioritized.of(100);
    ReplayBuffer a = new ReplayBuffer(8, 2, per);
    fill(a, 11);
    a.updatePriorities(new int[] {1, 5}, new double[] {3.0, 0.25});
    Path f = dir.resolve("replay.npz");
    a.save(f);
    ReplayBuffer b = new ReplayBuffer(8, 2, per);
    b.load(f);
    assertEquals(a.size(), b.size());
    Batch x = a.sample(16, 0.6, Rngs.seeded(5));
    Batch y = b.sample(16, 0.6, Rngs.seeded(5));
    assertArrayEquals(x.indices(), y.indices());
    assertArrayEquals(x.weights(), y.weights());
    assertArrayEquals(x.obs(), y.obs());
    a.add(new float[] {9, 9}, 0, 0, 1, new float[] {9, 9}, 0, 0);
    b.add(new float[] {9, 9}, 0, 0, 1, new float[] {9, 9}, 0, 0);
    a.save(dir.resolve("a.npz"));
    b.save(dir.resolve("b.npz"));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.npz")), Files.readAllBytes(dir.resolve("b.npz")));
  }
}
