package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.nets.optim.Fixtures.dup;
import static org.rlgan.nets.optim.Fixtures.flat;
import static org.rlgan.nets.optim.Fixtures.movingParams;
import static org.rlgan.nets.optim.Fixtures.trainStep;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Tensor;

/** copy() semantics and the state export/import round trip, for every optimizer and variant. */
class OptimizerStateTest {

  static Stream<Arguments> configs() {
    LrSchedule decay = new LrSchedule.StepDecay(0.05, 0.5, 3); // the restored iteration count matters
    return Stream.of(
        Arguments.of("sgd", Sgd.Config.of(0.05)),
        Arguments.of("sgd-momentum-schedule", new Sgd.Config(decay, 0.9, 0.1, false, 1e-3)),
        Arguments.of("sgd-nesterov", new Sgd.Config(0.05, 0.9, 0, true, 1e-2)),
        Arguments.of("adagrad", new Adagrad.Config(0.1, 0.01, 1e-10, 0.1, 1e-3)),
        Arguments.of("rmsprop", RmsProp.Config.of(0.01)),
        Arguments.of("rmsprop-centred-momentum", new RmsProp.Config(decay, 0.9, 1e-8, 0.5, true, 1e-3)),
        Arguments.of("adam", Adam.Config.of(decay)),
        Arguments.of("adam-amsgrad-l2", new Adam.Config(0.05, 0.8, 0.9, 1e-8, 1e-2, true)),
        Arguments.of("adamw", new AdamW.Config(decay, 0.9, 0.999, 1e-8, 0.1, false)),
        Arguments.of("adamw-amsgrad", new AdamW.Config(0.05, 0.9, 0.99, 1e-8, 0.1, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void copyHasTheSameConfigurationAndFreshState(String name, Optimizer.Config config) {
    Optimizer trained = config.build();
    List<Tensor> params = movingParams(DataType.DOUBLE);
    for (int t = 0; t < 4; t++) {
      trainStep(trained, params, t);
    }
    Optimizer copy = trained.copy();
    assertEquals(trained.config(), copy.config());
    assertEquals(trained.getClass(), copy.getClass());
    assertNotSame(trained, copy);
    assertEquals(0, copy.iterations());
    assertEquals(config.build().learningRate(), copy.learningRate());
    assertEquals(4, trained.iterations());

    // On the very tensors the trained optimizer holds state for (state is keyed by tensor identity), the copy
    // behaves as a fresh build, not as the trained optimizer.
    double[] start = flat(params);
    double[] viaCopy = continueFrom(copy, params, start);
    double[] viaFresh = continueFrom(config.build(), params, start);
    double[] viaTrained = continueFrom(trained, params, start);
    assertArrayEquals(viaFresh, viaCopy, 0.0);
    if (!stateless(config)) {
      assertFalse(Arrays.equals(viaTrained, viaCopy), "the copy must not share the trained state");
    }
  }

  /** Resets the parameters to {@code start}, takes 3 steps with opt, returns the values. */
  private static double[] continueFrom(Optimizer opt, List<Tensor> params, double[] start) {
    int off = 0;
    for (Tensor p : params) {
      int n = (int) p.value().length();
      p.value().assign(Nd4j.create(Arrays.copyOfRange(start, off, off + n), p.shape(), DataType.DOUBLE)
          .castTo(p.dataType()));
      off += n;
    }
    for (int t = 0; t < 3; t++) {
      trainStep(opt, params, t);
    }
    return flat(params);
  }

  /** Plain constant-rate SGD has no state to lose or share. */
  private static boolean stateless(Optimizer.Config config) {
    return config instanceof Sgd.Config c && c.momentum() == 0 && c.lr() instanceof LrSchedule.Constant;
  }

  @ParameterizedTest(name = "{0} float64")
  @MethodSource("configs")
  void stateRoundTripContinuesBitIdenticallyFloat64(String name, Optimizer.Config config) {
    roundTrip(config, DataType.DOUBLE);
  }

  @ParameterizedTest(name = "{0} float32")
  @MethodSource("configs")
  void stateRoundTripContinuesBitIdenticallyFloat32(String name, Optimizer.Config config) {
    roundTrip(config, DataType.FLOAT);
  }

  private static void roundTrip(Optimizer.Config config, DataType type) {
    Optimizer original = config.build();
    List<Tensor> params = movingParams(type);
    for (int t = 0; t < 5; t++) {
      trainStep(original, params, t);
    }
    Map<String, INDArray> saved = original.state(Optimizer.named(params));
    assertEquals(5, saved.get("iterations").getLong(0));
    assertEquals(5, saved.get("0.weight/step").getLong(0));

    List<Tensor> resumedParams = dup(params);
    Optimizer resumed = config.build();
    resumed.loadState(Optimizer.named(resumedParams), saved);
    assertEquals(original.iterations(), resumed.iterations());
    assertEquals(original.learningRate(), resumed.learningRate());
    // The export is a copy: training on must not change it.
    double[] savedBefore = flat(List.of(Tensor.constant(saved.get("0.weight/step"))));

    for (int t = 5; t < 10; t++) {
      trainStep(original, params, t);
      trainStep(resumed, resumedParams, t);
    }
    assertArrayEquals(flat(params), flat(resumedParams), 0.0);
    assertEquals(type, params.get(0).dataType());
    Map<String, INDArray> after = original.state(Optimizer.named(params));
    Map<String, INDArray> afterResumed = resumed.state(Optimizer.named(resumedParams));
    assertEquals(after.keySet(), afterResumed.keySet());
    for (String k : after.keySet()) {
      assertArrayEquals(flat(List.of(Tensor.constant(after.get(k)))), flat(List.of(Tensor.constant(afterResumed.get(k)))),
          0.0, k);
    }
    assertArrayEquals(savedBefore, flat(List.of(Tensor.constant(saved.get("0.weight/step")))), 0.0);

    // A fresh optimizer from the same values but without the state diverges: the test can fail.
    if (!stateless(config)) {
      List<Tensor> coldParams = dup(resumedParams);
      Optimizer cold = config.build();
      for (int t = 10; t < 12; t++) {
        trainStep(cold, coldParams, t);
        trainStep(resumed, resumedParams, t);
      }
      assertFalse(Arrays.equals(flat(coldParams), flat(resumedParams)));
    }
  }

  @Test
  void stateKeysAndTypes() {
    Optimizer opt = new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, true).build();
    List<Tensor> params = movingParams(DataType.FLOAT);
    trainStep(opt, params, 0);
    Map<String, INDArray> s = opt.state(Optimizer.named(params));
    assertEquals(List.of("iterations", "0.weight/step", "0.weight/exp_avg", "0.weight/exp_avg_sq",
        "0.weight/max_exp_avg_sq", "0.bias/step", "0.bias/exp_avg", "0.bias/exp_avg_sq", "0.bias/max_exp_avg_sq"),
        List.copyOf(s.keySet()));
    assertArrayEquals(new long[] {3}, s.get("0.weight/exp_avg").shape());
    assertEquals(DataType.FLOAT, s.get("0.bias/exp_avg_sq").dataType());
    assertEquals(0, s.get("iterations").rank());
  }

  @Test
  void unnamedParametersAreKeyedByIndex() {
    Optimizer opt = Sgd.Config.momentum(0.1, 0.9).build();
    Tensor v = Tensor.variable(Fixtures.vec(1.0, 2.0));
    v.setGrad(Fixtures.vec(1.0, 1.0));
    opt.step(List.of(v));
    assertTrue(opt.state(Optimizer.named(List.of(v))).containsKey("#0/momentum_buffer"));
  }

  @Test
  void missingKeyIsNamed() {
    Optimizer opt = Adam.Config.of(0.1).build();
    List<Tensor> params = movingParams(DataType.DOUBLE);
    trainStep(opt, params, 0);
    Map<String, INDArray> s = new HashMap<>(opt.state(Optimizer.named(params)));
    s.remove("0.bias/exp_avg_sq");
    Optimizer other = Adam.Config.of(0.1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadState(Optimizer.named(params), s));
    assertTrue(e.getMessage().contains("missing key '0.bias/exp_avg_sq'"), e.getMessage());
    assertEquals(0, other.iterations(), "a rejected state changes nothing");

    Map<String, INDArray> noIterations = new HashMap<>(opt.state(Optimizer.named(params)));
    noIterations.remove("iterations");
    e = assertThrows(IllegalArgumentException.class, () -> other.loadState(Optimizer.named(params), noIterations));
    assertTrue(e.getMessage().contains("'iterations'"), e.getMessage());
  }

  @Test
  void shapeMismatchGivesBothShapes() {
    Optimizer opt = Adam.Config.of(0.1).build();
    List<Tensor> params = movingParams(DataType.DOUBLE);
    trainStep(opt, params, 0);
    Map<String, INDArray> s = new HashMap<>(opt.state(Optimizer.named(params)));
    s.put("0.weight/exp_avg", Nd4j.zeros(DataType.DOUBLE, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Adam.Config.of(0.1).build().loadState(Optimizer.named(params), s));
    assertTrue(e.getMessage().contains("'0.weight/exp_avg'") && e.getMessage().contains("[4]")
        && e.getMessage().contains("[3]"), e.getMessage());
  }

  @Test
  void stateOfAnotherConfigurationIsRejected() {
    Optimizer momentum = Sgd.Config.momentum(0.1, 0.9).build();
    List<Tensor> params = movingParams(DataType.DOUBLE);
    trainStep(momentum, params, 0);
    Map<String, INDArray> s = momentum.state(Optimizer.named(params));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sgd.Config.of(0.1).build().loadState(Optimizer.named(params), s));
    assertTrue(e.getMessage().contains("unexpected keys") && e.getMessage().contains("0.weight/momentum_buffer"),
        e.getMessage());
  }

  @Test
  void badCountsAreRejected() {
    Optimizer opt = Sgd.Config.of(0.1).build();
    List<Tensor> params = movingParams(DataType.DOUBLE);
    Map<String, INDArray> s = new HashMap<>(opt.state(Optimizer.named(params)));
    s.put("iterations", Nd4j.scalar(-1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(Optimizer.named(params), s));
    assertTrue(e.getMessage().contains("'iterations'") && e.getMessage().contains("-1.0"), e.getMessage());
    s.put("iterations", Nd4j.scalar(2.5));
    e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(Optimizer.named(params), s));
    assertTrue(e.getMessage().contains("2.5"), e.getMessage());
  }

  @Test
  void parametersSharingANameAreRejected() {
    Optimizer opt = Sgd.Config.of(0.1).build();
    List<Tensor> params = List.of(Fixtures.param("w", 1.0), Fixtures.param("w", 2.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.state(Optimizer.named(params)));
    assertTrue(e.getMessage().contains("'w'"), e.getMessage());
  }
}
