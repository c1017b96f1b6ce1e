package org.rlgan.nets.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Constant, the name registry, fans and gains. */
class ConstantAndLookupTest {

  @Test
  void constantFillsAndLeavesTheGeneratorAlone() {
    SplittableRandom rng = new SplittableRandom(6);
    INDArray c = new Constant(0.25).init(new long[] {3, 4}, 3, 4, DataType.FLOAT, rng);
    assertEquals(DataType.FLOAT, c.dataType());
    assertEquals(12, c.length());
    for (float v : c.data().asFloat()) {
      assertEquals(0.25f, v, 0);
    }
    assertEquals(new SplittableRandom(6).nextLong(), rng.nextLong());
    INDArray z = Constant.zeros().init(new long[] {5}, 1, 1, DataType.DOUBLE, null);
    assertEquals(0.0, z.sumNumber().doubleValue(), 0);
    assertEquals(0.0, z.maxNumber().doubleValue(), 0);
    assertEquals(5.0, Constant.ones().init(new long[] {5}, 1, 1, DataType.DOUBLE, null).sumNumber().doubleValue(), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Constant(Double.NaN));
    assertTrue(e.getMessage().contains("value") && e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void lookupByName() {
    assertEquals(new GlorotUniform(1.0), Initializers.byName("glorot_uniform"));
    assertEquals(new GlorotNormal(1.0), Initializers.byName("xavier_normal"));
    assertEquals(new HeNormal(Math.sqrt(2), FanMode.FAN_IN), Initializers.byName("he_normal"));
    assertEquals(new HeUniform(Math.sqrt(2), FanMode.FAN_IN), Initializers.byName("kaiming_uniform"));
    assertInstanceOf(Orthogonal.class, Initializers.byName("orthogonal"));
    assertEquals(new Constant(0), Initializers.byName("zeros"));
    for (String name : Initializers.names()) {
      INDArray w = Initializers.byName(name).init(new long[] {3, 2}, 3, 2, DataType.DOUBLE, new SplittableRandom(1));
      assertEquals(6, w.length(), name);
    }
  }

  @Test
  void unknownNamesListTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.byName("He_Normall"));
    assertTrue(e.getMessage().contains("'He_Normall'") && e.getMessage().contains("did you mean 'he_normal'")
        && e.getMessage().contains("orthogonal"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Initializers.byName("lecun_truncated_normal"));
    assertTrue(e.getMessage().contains("valid names: [glorot_uniform"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Initializers.byName(null));
  }

  /** PyTorch: a conv weight [16, 3, 5, 5] has fan_in 3·25 = 75 and fan_out 16·25 = 400. */
  @Test
  void fans() {
    assertEquals(new Fans(75, 400), Fans.conv(3, 16, 5, 5));
    assertEquals(new Fans(8, 3), Fans.dense(8, 3));
    assertEquals(new Fans(8, 3), Fans.dense(new long[] {8, 3}));
    assertEquals(8, FanMode.FAN_IN.select(8, 3));
    assertEquals(3, FanMode.FAN_OUT.select(8, 3));
    assertThrows(IllegalArgumentException.class, () -> Fans.conv(3, 16, 0));
  }
}
