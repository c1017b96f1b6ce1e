package org.rlgan.gan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.SplitMix64;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.optim.Optimizer;
import org.rlgan.nets.layers.Module;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.LrSchedule;

class GanTrainerTest {
  static final GanArchitecture SMALL_PACGAN = Mlp2d.pacgan(16, 2, 8, 2, 3);

  /** Most options at once: BN generator, packing, WGAN-GP, two critic steps, EMA, unrolling, a schedule. */
  static GanConfig everything() {
    return GanConfig.builder()
        .loss(new GanLoss.Wasserstein()).penalty(new Penalty.GradientPenalty(10)).nCritic(2)
        .generatorOptimizer(new Adam.Config(new LrSchedule.Linear(1e-3, 1e-4, 10), 0.5, 0.9, 1e-8, 0, false))
        .discriminatorOptimizer(new Adam.Config(2e-3, 0.5, 0.9, 1e-8, 0, false))
        .batchSize(16).pack(2).unrolledSteps(1).emaDecay(0.9).seed(42).evalSamples(50).build();
  }

  static List<String> run(GanTrainer t, int steps) {
    List<String> lines = new ArrayList<>();
    t.addListener((tr, m) -> lines.add(m.toJson()));
    t.train(steps);
    return lines;
  }

  static void assertSameParameters(Module a, Module b) {
    Map<String, Tensor> pa = a.namedParameters();
    Map<String, Tensor> pb = b.namedParameters();
    assertEquals(pa.keySet(), pb.keySet());
    for (String k : pa.keySet()) {
      assertEquals(pa.get(k).value(), pb.get(k).value(), k);
    }
    for (Map.Entry<String, INDArray> e : a.namedBuffers().entrySet()) {
      assertEquals(e.getValue(), b.namedBuffers().get(e.getKey()), e.getKey());
    }
  }

  @Test
  void sameSeedSameMetricsBitForBit() {
    var data = GaussianMixture.pacganGrid();
    List<String> a = run(new GanTrainer(everything(), SMALL_PACGAN, data), 4);
    List<String> b = run(new GanTrainer(everything(), SMALL_PACGAN, data), 4);
    assertEquals(a, b);
    List<String> c = run(new GanTrainer(new GanConfig(everything().loss(), everything().penalty(), 0, 2,
        GanConfig.Update.ALTERNATING, everything().generatorOptimizer(), everything().discriminatorOptimizer(), 16, 2, 2,
        1, false, 0.9, 43, 2333, 50, 0, 0, 0, 1, 1, false), SMALL_PACGAN, data), 4);
    assertNotEquals(a, c, "another seed gives another run");
  }

  @Test
  void resumeFromACheckpointContinuesExactly(@TempDir Path dir) throws Exception {
    var data = GaussianMixture.pacganRing();
    GanTrainer straight = new GanTrainer(everything(), SMALL_PACGAN, data);
    List<String> all = run(straight, 6);

    GanTrainer first = new GanTrainer(everything(), SMALL_PACGAN, data);
    List<String> head = List.copyOf(run(first, 3)); // the listener keeps appending below
    first.save(dir);
    // Moving on after saving must not affect the checkpoint.
    first.train(2);
    GanTrainer resumed = new GanTrainer(everything(), SMALL_PACGAN, data);
    resumed.load(dir);
    assertEquals(3, resumed.stepCount());
    List<String> tail = run(resumed, 3);

    List<String> joined = new ArrayList<>(head);
    joined.addAll(tail);
    assertEquals(all, joined);
    assertSameParameters(straight.generator(), resumed.generator());
    assertSameParameters(straight.discriminator(), resumed.discriminator());
    assertSameParameters(straight.emaGenerator(), resumed.emaGenerator());
    assertEquals(straight.generatorOptimizer().iterations(), resumed.generatorOptimizer().iterations());
    assertEquals(straight.sampleFixed(), resumed.sampleFixed());
    assertTrue(Files.exists(dir.resolve("ema.npz")) && Files.exists(dir.resolve("trainer.json")));
  }

  @Test
  void aCheckpointOfAnotherConfigurationIsRefused(@TempDir Path dir) throws Exception {
    var data = GaussianMixture.pacganRing();
    GanTrainer t = new GanTrainer(everything(), SMALL_PACGAN, data);
    t.train(1);
    t.save(dir);
    GanConfig other = GanConfig.builder().batchSize(16).pack(2).emaDecay(0.9).seed(42).evalSamples(50).build();
    var e = assertThrows(IllegalArgumentException.class, () -> new GanTrainer(other, SMALL_PACGAN, data).load(dir));
    assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
  }

  @Test
  void unrolledStepsAreUndoneBeforeTheNextStep() {
    // One step with k = 3 updates D exactly as one step with k = 0 (same draws before the unrolling), and G
    // differently (it was trained against the unrolled D).
    var data = GaussianMixture.pacganRing();
    GanConfig plain = GanConfig.builder().batchSize(32).seed(5).evalSamples(10).build();
    GanConfig unrolled = GanConfig.builder().batchSize(32).seed(5).evalSamples(10).unrolledSteps(3).build();
    GanTrainer a = new GanTrainer(plain, Mlp2d.relu(16), data);
    GanTrainer b = new GanTrainer(unrolled, Mlp2d.relu(16), data);
    a.step();
    b.step();
    assertSameParameters(a.discriminator(), b.discriminator());
    assertEquals(a.discriminatorOptimizer().iterations(), b.discriminatorOptimizer().iterations());
    assertNotEquals(a.generator().namedParameters().get("0.weight").value(),
        b.generator().namedParameters().get("0.weight").value());
  }

  @Test
  void listenersStopTraining() {
    GanTrainer t = new GanTrainer(GanConfig.builder().batchSize(8).evalSamples(4).build(), Mlp2d.relu(8),
        GaussianMixture.pacganRing());
    t.addListener((tr, m) -> m.step() < 3);
    StepMetrics last = t.train(100);
    assertEquals(3, last.step());
    assertEquals(3, t.stepCount());
  }

  @Test
  void simultaneousUpdatesUseOneBatchForBothPlayers() {
    GanConfig c = GanConfig.builder().update(GanConfig.Update.SIMULTANEOUS).batchSize(8).evalSamples(4).build();
    GanTrainer t = new GanTrainer(c, Mlp2d.relu(8), GaussianMixture.pacganRing());
    INDArray g0 = t.generator().namedParameters().get("0.weight").value().dup();
    INDArray d0 = t.discriminator().namedParameters().get("0.weight").value().dup();
    StepMetrics m = t.step();
    assertNotEquals(g0, t.generator().namedParameters().get("0.weight").value());
    assertNotEquals(d0, t.discriminator().namedParameters().get("0.weight").value());
    assertEquals(1, t.generatorOptimizer().iterations());
    assertEquals(1, t.discriminatorOptimizer().iterations());
    // L_D = E softplus(−r) + E softplus(f) ≥ 0 and both scores are reported.
    assertTrue(m.discriminatorLoss() > 0 && Double.isFinite(m.realScore()) && Double.isFinite(m.fakeScore()));
    assertThrows(IllegalArgumentException.class,
        () -> GanConfig.builder().update(GanConfig.Update.SIMULTANEOUS).nCritic(2).build());
  }

  @Test
  void configurationErrorsNameTheFieldAndTheRange() {
    var e = assertThrows(IllegalArgumentException.class, () -> GanConfig.builder().pack(0).build());
    assertEquals("GanConfig.pack = 0 is invalid: it must be >= 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GanConfig.builder().emaDecay(1.0).build());
    assertEquals("GanConfig.emaDecay = 1.0 is invalid: it must be [0, 1)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Penalty.GradientPenalty(-1));
  }

  @Test
  void wganWeightClippingKeepsTheCriticInTheBox() {
    GanConfig c = GanConfig.builder().loss(new GanLoss.Wasserstein()).weightClip(0.01).nCritic(5)
        .discriminatorOptimizer(org.rlgan.nets.optim.RmsProp.Config.of(5e-5))
        .batchSize(16).evalSamples(4).build();
    GanTrainer t = new GanTrainer(c, Mlp2d.relu(8), GaussianMixture.pacganRing());
    t.train(2);
    for (Tensor p : t.discriminator().parameters()) {
      assertTrue(p.value().amaxNumber().doubleValue() <= 0.01 + 1e-9, p.name());
    }
  }

  @Test
  void fixedEvaluationNoiseGivesTheSameSamplesWithoutTouchingTraining() {
    GanTrainer t = new GanTrainer(GanConfig.builder().batchSize(8).evalSamples(6).build(), Mlp2d.relu(8),
        GaussianMixture.pacganRing());
    INDArray a = t.sampleFixed();
    INDArray b = t.sampleFixed();
    assertEquals(a, b);
    assertEquals(6, t.sampleFixedRows().length);
    GanTrainer u = new GanTrainer(GanConfig.builder().batchSize(8).evalSamples(6).build(), Mlp2d.relu(8),
        GaussianMixture.pacganRing());
    assertEquals(u.step().toJson(), t.step().toJson(), "sampling did not advance the training stream");
  }

  /**
   * reuseFakeBatch is PyTorch's DCGAN example step (and microbench.py's dcgan28_step_b64), written out here by hand
   * on copies of the trainer's networks built from the same seed: z drawn once, fake = G(z); L_D on D(real) and
   * D(fake.detach()), Adam on D; L_G on D(fake) through the updated D, back-propagated through the same G(z), Adam on
   * G. Three steps must agree bit for bit (parameters, batch-norm buffers, losses).
   */
  @Test
  void reusedFakeBatchStepIsTheDcganTutorialStepBitForBit() {
    var data = GaussianMixture.pacganRing();
    GanConfig c = GanConfig.builder().reuseFakeBatch(true).batchSize(8).noiseDim(2).seed(9).evalSamples(4).build();
    GanTrainer t = new GanTrainer(c, SMALL_PACGAN, data);

    SplitMix64 rng = new SplitMix64(9); // the trainer's draws in its order: G, D, then per step data and noise
    Layer g = SMALL_PACGAN.generator(2, data.shape(), rng);
    Layer d = SMALL_PACGAN.discriminator(data.shape(), 1, 1, rng);
    Optimizer og = c.generatorOptimizer().build();
    Optimizer od = c.discriminatorOptimizer().build();
    for (int step = 0; step < 3; step++) {
      StepMetrics m = t.step();
      ForwardContext ctx = ForwardContext.train(rng);
      INDArray real = data.sample(8, rng, DataType.FLOAT);
      float[] z = new float[8 * 2];
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) rng.nextGaussian();
      }
      Tensor fake = g.forward(Tensor.of(z, 8, 2), ctx);
      Tensor lossD = Ops.add(Ops.mean(Ops.softplus(Ops.neg(d.forward(Tensor.constant(real), ctx)))),
          Ops.mean(Ops.softplus(d.forward(fake.detach(), ctx))));
      d.zeroGrad();
      Autograd.backward(lossD);
      od.step(d.parameters());
      Tensor lossG = Ops.mean(Ops.softplus(Ops.neg(d.forward(fake, ctx))));
      g.zeroGrad();
      Autograd.backward(lossG);
      og.step(g.parameters());
      assertEquals(lossD.item(), m.discriminatorLoss(), 0.0, "L_D at step " + step);
      assertEquals(lossG.item(), m.generatorLoss(), 0.0, "L_G at step " + step);
    }
    assertSameParameters(g, t.generator());
    assertSameParameters(d, t.discriminator());

    // The default scheme (fresh noise for G's update, G run twice) is another trajectory from the same seed.
    GanTrainer fresh = new GanTrainer(GanConfig.builder().batchSize(8).noiseDim(2).seed(9).evalSamples(4).build(),
        SMALL_PACGAN, data);
    fresh.train(3);
    assertNotEquals(fresh.generator().namedParameters().get("0.weight").value(),
        t.generator().namedParameters().get("0.weight").value());
  }

  @Test
  void reusedFakeBatchResumesExactlyAndRefusesOptionsItCannotServe(@TempDir Path dir) throws Exception {
    var data = GaussianMixture.pacganRing();
    GanConfig c = GanConfig.builder().reuseFakeBatch(true).loss(new GanLoss.Wasserstein())
        .penalty(new Penalty.GradientPenalty(10)).batchSize(16).pack(2).emaDecay(0.9).seed(4).evalSamples(20).build();
    List<String> all = run(new GanTrainer(c, SMALL_PACGAN, data), 4);
    assertEquals(all, run(new GanTrainer(c, SMALL_PACGAN, data), 4), "same seed, same run");
    GanTrainer first = new GanTrainer(c, SMALL_PACGAN, data);
    List<String> joined = new ArrayList<>(run(first, 2));
    first.save(dir);
    GanTrainer resumed = new GanTrainer(c, SMALL_PACGAN, data);
    resumed.load(dir);
    joined.addAll(run(resumed, 2));
    assertEquals(all, joined);
    for (GanConfig.Builder bad : List.of(GanConfig.builder().reuseFakeBatch(true).nCritic(2),
        GanConfig.builder().reuseFakeBatch(true).unrolledSteps(1),
        GanConfig.builder().reuseFakeBatch(true).update(GanConfig.Update.SIMULTANEOUS))) {
      var e = assertThrows(IllegalArgumentException.class, bad::build);
      assertTrue(e.getMessage().contains("reuseFakeBatch"), e.getMessage());
    }
  }
}
