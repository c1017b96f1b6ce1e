package org.rlgan.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.agents.DqnConfig;
import org.rlgan.mdp.Rngs;
import org.rlgan.nets.Tensor;

class QNetworkTest {

  /**
   * Channel-last rows [H, W, C] reach the convolution as NCHW: a 1×1 convolution that passes only channel 1,
   * summed by a dense layer of ones, counts the ones in channel 1.
   */
  @Test
  void convolutionalTorsoReadsChannelLastObservations() {
    DqnConfig.Network spec = new DqnConfig.Network(List.of(new DqnConfig.Conv(1, 1, 1)), List.of(),
        DqnConfig.ActivationKind.RELU, false);
    int h = 3;
    int w = 2;
    int c = 3;
    QNetwork q = new QNetwork(spec, new int[] {h, w, c}, 2, null, Rngs.seeded(0));
    Map<String, Tensor> p = q.namedParameters();
    assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias"), List.copyOf(p.keySet()));
    p.get("0.weight").value().assign(Nd4j.createFromArray(new float[] {0, 1, 0}).reshape(1, 3, 1, 1));
    p.get("0.bias").value().assign(0);
    p.get("3.weight").value().assign(1);
    p.get("3.bias").value().assign(0);
    float[] obs = new float[2 * h * w * c];
    int[][] onesInChannel1 = {{0, 0}, {2, 1}, {1, 0}}; // (y, x) of row 0
    for (int[] yx : onesInChannel1) {
      obs[(yx[0] * w + yx[1]) * c + 1] = 1;
    }
    obs[(1 * w + 1) * c] = 1; // channel 0 and 2 of row 0 are ignored
    obs[(2 * w) * c + 2] = 1;
    obs[h * w * c + (0 * w + 1) * c + 1] = 1; // row 1: one 1 in channel 1
    assertArrayEquals(new float[] {3, 3, 1, 1}, q.values(obs, 2));
  }

  @Test
  void minAtarNetworkHasTheReferenceShapeAndParameterCount() {
    QNetwork q = new QNetwork(DqnConfig.Network.minAtar(), new int[] {10, 10, 4}, 6, null, Rngs.seeded(0));
    // conv 4·16·9 + 16, dense 1024·128 + 128, dense 128·6 + 6 (microbench.py's MinAtarQ)
    assertEquals(4 * 16 * 9 + 16 + 1024 * 128 + 128 + 128 * 6 + 6, q.parameterCount());
    assertEquals(12, q.values(new float[2 * 400], 2).length);
    assertThrows(IllegalArgumentException.class,
        () -> new QNetwork(DqnConfig.Network.minAtar(), new int[] {400}, 6, null, Rngs.seeded(0)));
  }
}
