package org.rlgan.nets.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Tensor;

/** The shared conventions: reductions, weights, shapes and the error messages. */
class ReductionAndValidationTest {
  private final SplittableRandom rng = new SplittableRandom(3);

  private Tensor uniform(double lo, double hi, long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(lo, hi));
    }
    return Tensor.constant(a);
  }

  /** Every loss with a valid (prediction, target) pair of batch size 5. */
  private List<Object[]> cases() {
    Function<Reduction, List<Loss>> losses = r -> List.of(new Mse(r), new Huber(0.7, r),
        new BinaryCrossEntropyWithLogits(r), new SoftmaxCrossEntropy(r), new KlDivergence(r));
    Tensor p = uniform(-2, 2, 5, 3);
    Tensor y = uniform(0.1, 0.9, 5, 3);
    Tensor labels = Tensor.of(new double[] {0, 2, 1, 1, 0}, 5);
    Tensor logQ = uniform(-3, -0.1, 5, 3);
    List<Tensor> targets = List.of(y, y, y, labels, y);
    List<Tensor> preds = List.of(p, p, p, p, logQ);
    List<Object[]> out = new java.util.ArrayList<>();
    for (int k = 0; k < 5; k++) {
      out.add(new Object[] {losses.apply(Reduction.NONE).get(k), losses.apply(Reduction.MEAN).get(k),
          losses.apply(Reduction.SUM).get(k), preds.get(k), targets.get(k)});
    }
    return out;
  }

  @Test
  void noneGivesOneLossPerSampleAndMeanAndSumAgreeWithIt() {
    Tensor w = uniform(0, 3, 5);
    for (Object[] c : cases()) {
      Loss none = (Loss) c[0];
      Tensor pred = (Tensor) c[3];
      Tensor target = (Tensor) c[4];
      Tensor l = none.apply(pred, target);
      assertArrayEquals(new long[] {5}, l.shape(), none.toString());
      Tensor lw = none.apply(pred, target, w);
      assertArrayEquals(new long[] {5}, lw.shape());
      double sum = 0;
      double weighted = 0;
      for (int i = 0; i < 5; i++) {
        assertEquals(l.value().getDouble(i) * w.value().getDouble(i), lw.value().getDouble(i), 1e-15);
        sum += l.value().getDouble(i);
        weighted += lw.value().getDouble(i);
      }
      Tensor mean = ((Loss) c[1]).apply(pred, target);
      assertEquals(0, mean.rank());
      assertEquals(sum / 5, mean.item(), 1e-14, none.toString());
      assertEquals(weighted / 5, ((Loss) c[1]).apply(pred, target, w).item(), 1e-14); // divided by n, not Σw
      assertEquals(sum, ((Loss) c[2]).apply(pred, target).item(), 1e-14);
      assertEquals(weighted, ((Loss) c[2]).apply(pred, target, w).item(), 1e-14);
    }
  }

  @Test
  void weightsOfTheWrongShapeOrTypeAreRejected() {
    for (Object[] c : cases()) {
      Loss loss = (Loss) c[1];
      Tensor pred = (Tensor) c[3];
      Tensor target = (Tensor) c[4];
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> loss.apply(pred, target, uniform(0, 1, 5, 1)));
      assertTrue(e.getMessage().contains("[5]") && e.getMessage().contains("[5, 1]"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> loss.apply(pred, target, Tensor.of(new float[] {1, 1, 1, 1, 1}, 5)));
      assertTrue(e.getMessage().contains("FLOAT"), e.getMessage());
    }
  }

  /** The classic DQN bug: Q(s, a) of shape [n] against targets [n, 1] must not silently broadcast to [n, n]. */
  @Test
  void mismatchedShapesNameTheLossAndBothShapes() {
    Tensor q = uniform(-1, 1, 4);
    Tensor y = uniform(-1, 1, 4, 1);
    List<Loss> losses = List.of(new Mse(), new Huber(), new BinaryCrossEntropyWithLogits());
    for (Loss loss : losses) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.apply(q, y));
      String name = loss.getClass().getSimpleName();
      assertTrue(e.getMessage().contains(name) && e.getMessage().contains("[4]")
          && e.getMessage().contains("[4, 1]"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KlDivergence().apply(uniform(-2, -1, 4, 3), uniform(0, 1, 4, 2)));
    assertTrue(e.getMessage().contains("KlDivergence") && e.getMessage().contains("[4, 3]")
        && e.getMessage().contains("[4, 2]"), e.getMessage());
  }

  @Test
  void mismatchedTypesAndMissingArgumentsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Mse().apply(uniform(0, 1, 2), Tensor.of(new float[] {1, 2}, 2)));
    assertTrue(e.getMessage().contains("DOUBLE") && e.getMessage().contains("FLOAT"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Mse().apply(uniform(0, 1, 2), null));
    assertThrows(IllegalArgumentException.class, () -> new Mse().apply(Tensor.scalar(DataType.DOUBLE, 1),
        Tensor.scalar(DataType.DOUBLE, 2)));
    e = assertThrows(IllegalArgumentException.class, () -> new Mse(null));
    assertTrue(e.getMessage().contains("MEAN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Reduction.SUM.reduce(uniform(0, 1, 2, 2), null));
    assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
  }
}
