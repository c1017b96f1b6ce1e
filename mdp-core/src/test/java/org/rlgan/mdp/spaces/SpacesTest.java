package org.rlgan.mdp.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.rlgan.mdp.Rngs;

class SpacesTest {

  private final RandomGenerator rng = Rngs.seeded(0);

  @Test
  void discreteWithStart() {
    Discrete d = new Discrete(3, -1);
    assertEquals("Discrete(3, start=-1)", d.toString());
    assertEquals("Discrete(2)", new Discrete(2).toString());
    assertTrue(d.contains(-1) && d.contains(1));
    assertFalse(d.contains(2) || d.contains(-2) || d.contains(1L) || d.contains(1.0));
    for (int i = 0; i < 1000; i++) {
      assertTrue(d.contains(d.sample(rng)));
    }
    assertEquals(0, d.shape().length);
    assertThrows(IllegalArgumentException.class, () -> new Discrete(0));
  }

  @Test
  void boxFloat32() {
    Box b = new Box(new double[] {-4.8, Double.NEGATIVE_INFINITY}, new double[] {4.8, Double.POSITIVE_INFINITY},
        new int[] {2}, DType.FLOAT32);
    assertEquals("Box([-4.8 -inf], [4.8 inf], (2,), float32)", b.toString());
    assertEquals("Box(-1.0, 1.0, (3, 2), float64)", Box.of(-1, 1, DType.FLOAT64, 3, 2).toString());
    for (int i = 0; i < 1000; i++) {
      double[] x = b.sample(rng);
      assertTrue(b.contains(x));
      assertEquals((double) (float) x[0], x[0], 0.0);
    }
    assertFalse(b.contains(new double[] {0.1, 0}), "0.1 is not a float32 value");
    assertTrue(b.contains(new double[] {(float) 0.1, 0}));
    assertFalse(b.contains(new double[] {5, 0}));
    assertFalse(b.contains(new double[] {Double.NaN, 0}));
    assertFalse(b.contains(new float[] {0, 0}));
    assertFalse(b.contains(new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> Box.of(1, 0, DType.FLOAT32, 2));
  }

  @Test
  void multiDiscreteMultiBinaryTupleDict() {
    MultiDiscrete md = new MultiDiscrete(3, 2);
    assertEquals("MultiDiscrete([3 2])", md.toString());
    assertTrue(md.contains(new int[] {2, 1}));
    assertFalse(md.contains(new int[] {3, 0}));
    MultiBinary mb = new MultiBinary(10, 10, 4);
    assertEquals(400, mb.sample(rng).length);
    assertTrue(mb.contains(mb.sample(rng)));
    assertFalse(mb.contains(new int[400 - 1]));
    assertEquals("MultiBinary((10, 10, 4))", mb.toString());
    TupleSpace t = TupleSpace.of(new Discrete(32), new Discrete(11), new Discrete(2));
    assertEquals("Tuple(Discrete(32), Discrete(11), Discrete(2))", t.toString());
    assertTrue(t.contains(List.of(31, 10, 1)));
    assertFalse(t.contains(List.of(31, 11, 1)));
    assertTrue(t.contains(t.sample(rng)));
    assertThrows(UnsupportedOperationException.class, t::shape);
    DictSpace d = new DictSpace(Map.of("b", new Discrete(2), "a", Box.of(0, 1, DType.FLOAT32, 2)));
    assertEquals("Dict('a': Box(0.0, 1.0, (2,), float32), 'b': Discrete(2))", d.toString());
    assertTrue(d.contains(d.sample(rng)));
    assertFalse(d.contains(Map.of("b", 1)));
  }
}
