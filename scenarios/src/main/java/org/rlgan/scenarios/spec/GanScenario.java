package org.rlgan.scenarios.spec;

import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.nets.optim.Adam;
import org.rlgan.scenarios.config.Opt;

/**
 * {@code kind: gan}: a generator and a discriminator trained on a data set (gan-lab, book chapter 9), with the mode
 * metrics of PacGAN on Gaussian mixtures and the fixed-noise samples drawn over the real data.
 */
public record GanScenario(
    String kind,
    @Opt(doc = "the run folder name; default: the file name without .yaml", def = "null") String name,
    @Opt(doc = "the seed of the run (initial weights, data, noise)", def = "0", range = "[0, inf)") long seed,
    @Opt(doc = "the output root", def = "runs") String out,
    @Opt(doc = "the real data: {type: ring | grid | pacgan_ring | pacgan_grid | veegan_ring | swiss_roll | mnist | "
        + "fashion_mnist | env_frames, ...}")
    GanDataSpec data,
    @Opt(doc = "the two networks: {type: mlp | pacgan | dcgan, ...}", def = "{type: mlp}") GanNetworkSpec networks,
    @Opt(doc = "the game: loss, penalty, optimizers, batch, packing, unrolling, EMA", def = "{}") Game gan,
    @Opt(doc = "the budget: {steps: ..., log_every: ..., eval_every: ..., checkpoint_every: ...}") Budget train)
    implements ScenarioSpec {

  @Override
  public GanScenario with(String name, long seed, String out) {
    return new GanScenario(kind, name, seed, out, data, networks, gan, train);
  }

  /** gan-lab's configuration for this scenario (validated there: cross-field rules name their fields). */
  public GanConfig config() {
    GanConfig.Builder b = GanConfig.builder();
    networks.configure(b, data);
    return b.loss(GanLoss.byName(gan.loss())).penalty(gan.penalty().penalty())
        .weightClip(gan.weightClip()).nCritic(gan.nCritic()).update(gan.update())
        .generatorOptimizer(gan.adam(gan.generatorLr()))
        .discriminatorOptimizer(gan.adam(gan.discriminatorLr()))
        .batchSize(gan.batchSize()).noiseDim(gan.noiseDim()).pack(gan.pack()).unrolledSteps(gan.unrolledSteps())
        .unrollExact(gan.unrollExact()).emaDecay(gan.emaDecay()).seed(seed).evalNoiseSeed(gan.evalNoiseSeed())
        .evalSamples(gan.evalSamples()).reuseFakeBatch(gan.reuseFakeBatch()).build();
  }

  /** The game's settings (docs/gan.md, "Trainer"). */
  public record Game(
      @Opt(doc = "minimax | non_saturating | least_squares | wasserstein | hinge", def = "non_saturating",
          choices = "gan_loss") String loss,
      @Opt(doc = "the critic's penalty: {type: none | gradient_penalty (lambda) | r1 (gamma)}",
          def = "{type: none}")
      GanPenaltySpec penalty,
      @Opt(doc = "WGAN weight clipping c after each critic update (0: off)", def = "0", range = "[0, inf)")
      double weightClip,
      @Opt(doc = "discriminator updates per generator update", def = "1", range = "[1, inf)") int nCritic,
      @Opt(doc = "alternating (D, then G against the new D) or simultaneous (one batch, both steps)",
          def = "alternating") GanConfig.Update update,
      @Opt(doc = "the generator's Adam learning rate: a number or {type: constant | linear | cosine | step, ...} over "
          + "its own updates", def = "0.0001") LrScheduleSpec generatorLr,
      @Opt(doc = "the discriminator's Adam learning rate: a number or a schedule over its own updates (n_critic per "
          + "generator update)", def = "0.0001") LrScheduleSpec discriminatorLr,
      @Opt(doc = "Adam's β₁ for both players", def = "0.5", range = "[0, 1)") double beta1,
      @Opt(doc = "Adam's β₂ for both players", def = "0.999", range = "[0, 1)") double beta2,
      @Opt(doc = "packed examples per batch", def = "256", range = "[1, inf)") int batchSize,
      @Opt(doc = "the dimension of z ~ N(0, I)", def = "2", range = "[1, inf)") int noiseDim,
      @Opt(doc = "PacGAN's m: samples the discriminator sees at once", def = "1", range = "[1, inf)") int pack,
      @Opt(doc = "unrolled GAN's k (0: off)", def = "0", range = "[0, inf)") int unrolledSteps,
      @Opt(doc = "differentiate through the k unrolled steps (Metz et al. eq. 12) instead of the first-order form",
          def = "false") boolean unrollExact,
      @Opt(doc = "β of the generator's exponential moving average (0: none); samples come from the average",
          def = "0", range = "[0, 1)") double emaDecay,
      @Opt(doc = "the seed of the fixed evaluation noise", def = "2333", range = "[0, inf)") long evalNoiseSeed,
      @Opt(doc = "samples drawn from the fixed noise for the metrics and the picture (PacGAN: 2500)",
          def = "2500", range = "[1, inf)") int evalSamples,
      @Opt(doc = "one G(z) per step for both updates, as the DCGAN reference code (PyTorch's examples/dcgan) does; "
          + "false: the generator's update draws fresh noise (Goodfellow et al.'s Algorithm 1)", def = "false")
      boolean reuseFakeBatch) {

    /** Adam with this game's betas (ε 1e-8, no weight decay) at the rate {@code lr}. */
    Adam.Config adam(LrScheduleSpec lr) {
      return new Adam.Config(lr.schedule(), beta1, beta2, 1e-8, 0, false);
    }
  }

  /** The budget and the cadence of metrics, evaluation and checkpoints, all in generator updates. */
  public record Budget(
      @Opt(doc = "generator updates to train for", range = "[1, inf)") long steps,
      @Opt(doc = "updates between rows of metrics.csv (means over the interval) and progress lines", def = "500",
          range = "[1, inf)") long logEvery,
      @Opt(doc = "updates between evaluations on the fixed noise (mode metrics, image metrics, sample grids; 0: at "
          + "the end only)", def = "2000",
          range = "[0, inf)") long evalEvery,
      @Opt(doc = "updates between checkpoints for --resume (0: none); rounded up to a multiple of log_every",
          def = "5000", range = "[0, inf)") long checkpointEvery) {}
}
