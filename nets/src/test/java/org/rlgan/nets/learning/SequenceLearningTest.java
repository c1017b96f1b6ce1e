package org.rlgan.nets.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Recurrent;
import org.rlgan.nets.layers.TransformerEncoderBlock;

/**
 * The sequence layers learn (fixed seeds, CI-sized; times measured at one thread on a shared 2-core machine):
 *
 * <ul>
 *   <li>the adding problem at length T = 50 (Hochreiter and Schmidhuber 1997; Le et al. 2015), hidden size 32,
 *       batch 32, Adam lr 0.01, gradient norm clipped at 1: an LSTM reaches a held-out MSE of 0.0025 after 600
 *       updates and a GRU 0.0021 after 500, against 0.167 for the trivial prediction 1.0 (Var(U₁ + U₂) = 1/6);
 *       the tests require MSE &lt; 0.01, 1/16 of the baseline;</li>
 *   <li>a one-block Transformer encoder (pre-norm, width 32, 4 heads) reversing sequences of 6 digits out of 8:
 *       100% token and sequence accuracy on 500 held-out sequences after 300 updates (chance: 12.5% per token);
 *       the test requires 98% per token.</li>
 * </ul>
 *
 * Longer runs: {@code AddingProblem} and {@code ReverseTask} have {@code main} methods (see docs/nets.md).
 */
class SequenceLearningTest {

  /** MSE of predicting 1.0 for every sequence of the held-out set the runs use: the trivial baseline. */
  private static double baseline(long seed) {
    AddingProblem.Batch test = AddingProblem.batch(new SplittableRandom(seed + 1000), 1000, 50);
    return Ops.mean(Ops.square(Ops.addScalar(test.y(), -1.0))).item();
  }

  @Test
  void lstmSolvesTheAddingProblemAtLength50() {
    double base = baseline(1);
    assertEquals(1.0 / 6, base, 0.02);
    AddingProblem.Result r = AddingProblem.train(Recurrent.Cell.LSTM, 50, 32, 32, 600, 0.01, 1);
    assertTrue(r.mse() < 0.01, "LSTM adding problem T=50: test MSE " + r.mse() + " (baseline " + base + ")");
  }

  @Test
  void gruSolvesTheAddingProblemAtLength50() {
    AddingProblem.Result r = AddingProblem.train(Recurrent.Cell.GRU, 50, 32, 32, 500, 0.01, 1);
    assertTrue(r.mse() < 0.01, "GRU adding problem T=50: test MSE " + r.mse() + " (baseline " + baseline(1) + ")");
  }

  @Test
  void sameSeedSameTrainingBitForBit() {
    AddingProblem.Result a = AddingProblem.train(Recurrent.Cell.LSTM, 20, 8, 16, 15, 0.01, 5);
    AddingProblem.Result b = AddingProblem.train(Recurrent.Cell.LSTM, 20, 8, 16, 15, 0.01, 5);
    assertEquals(a.mse(), b.mse(), 0.0);
  }

  @Test
  void transformerLearnsToReverseSequences() {
    ReverseTask.Result r = ReverseTask.train(6, 8, 32, 4, 1, TransformerEncoderBlock.Norm.PRE, 64, 300, 0.005, 1);
    assertTrue(r.tokenAccuracy() >= 0.98, "reversal token accuracy " + r.tokenAccuracy() + " (chance 0.125)");
  }

  /** The held-out targets are what the model is scored on: reversing the input sequence. */
  @Test
  void reverseTaskTargetsAreTheReversedInputs() {
    ReverseTask.Batch b = ReverseTask.batch(new SplittableRandom(3), 2, 5, 8);
    Tensor ids = b.ids();
    for (int t = 0; t < 5; t++) {
      assertEquals(ids.value().getDouble(1, 4 - t), b.targets()[5 + t], 0.0);
    }
  }
}
