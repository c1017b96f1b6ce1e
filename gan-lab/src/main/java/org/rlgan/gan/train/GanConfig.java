package org.rlgan.gan.train;

import org.rlgan.gan.loss.GanLoss;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/**
 * The hyperparameters of a GAN training run. Validated on construction: an invalid field is an
 * {@link IllegalArgumentException} naming the field, its value and the allowed range.
 *
 * @param loss the game (minimax, non-saturating, least squares, Wasserstein, hinge)
 * @param penalty the discriminator's gradient penalty (none, WGAN-GP, R1)
 * @param weightClip WGAN's clip value c (parameters of D clamped to [−c, c] after each of its updates); 0 = off
 * @param nCritic discriminator updates per generator update, ≥ 1 (WGAN: 5)
 * @param update {@link Update#ALTERNATING} (D then G, G against the updated D) or {@link Update#SIMULTANEOUS}
 *     (both gradients from the same batch before either update, as ALI's and PacGAN's code)
 * @param generatorOptimizer the generator's optimizer and learning-rate schedule
 * @param discriminatorOptimizer the discriminator's optimizer and learning-rate schedule
 * @param batchSize packed examples per batch, ≥ 1 (each holds {@code pack} samples)
 * @param noiseDim the dimension of z ~ N(0, I), ≥ 1
 * @param pack PacGAN's degree of packing m, ≥ 1 (1 = a plain GAN): D sees m samples concatenated
 * @param unrolledSteps unrolled GAN's k, ≥ 0 (0 = off): the generator is updated against the discriminator after
 *     k further updates, which are then undone
 * @param unrollExact differentiate through the k unrolled steps (Metz et al.'s full gradient, {@link Unrolling}) instead of
 *     the first-order surrogate; needs k ≥ 1, an Adam discriminator optimizer, no penalty and no clipping
 * @param emaDecay β of the exponential moving average of the generator's weights, in [0, 1); 0 = no EMA copy
 * @param seed the run's seed: initial weights, data, noise
 * @param evalNoiseSeed the seed of the fixed evaluation noise
 * @param evalSamples the number of fixed evaluation noise vectors, ≥ 1
 * @param conditionClasses conditional GAN (Mirza and Osindero 2014) over this many classes, ≥ 0 (0 = off): G takes
 *     [z, one-hot(y)], D takes the sample with the one-hot label appended along its first axis (as extra image
 *     channels, constant over the image, or extra features); the data must be labelled with as many classes
 * @param infoCategorical InfoGAN (Chen et al. 2016): the number of values of one categorical latent code c ~ U{0..K−1},
 *     ≥ 0 (0 = none); G takes one-hot(c) after z
 * @param infoContinuous InfoGAN: the number of continuous codes c ~ U(−1, 1), ≥ 0, appended after the categorical one
 * @param infoWeight InfoGAN's λ for the categorical code's term (cross-entropy of Q's logits), ≥ 0
 * @param infoContinuousWeight InfoGAN's λ for the continuous codes' term (Gaussian negative log-likelihood with unit
 *     variance, ½‖c − μ_Q‖² per sample), ≥ 0
 * @param reuseFakeBatch the DCGAN reference code's step (PyTorch's {@code examples/dcgan}, {@code dcgan.torch}): one
 *     noise batch per step, G(z) computed once, D updated on it (detached), then G updated on D(G(z)) through the
 *     updated D, back-propagating through that same forward pass of G. False (the default): Goodfellow et al.'s
 *     Algorithm 1, whose G update draws fresh noise and runs G again (WGAN's and WGAN-GP's code do the same).
 *     Needs nCritic = 1, unrolledSteps = 0 and update = ALTERNATING
 */
public record GanConfig(GanLoss loss, Penalty penalty, double weightClip, int nCritic, Update update,
    Optimizer.Config generatorOptimizer, Optimizer.Config discriminatorOptimizer, int batchSize, int noiseDim,
    int pack, int unrolledSteps, boolean unrollExact, double emaDecay, long seed, long evalNoiseSeed, int evalSamples,
    int conditionClasses, int infoCategorical, int infoContinuous, double infoWeight, double infoContinuousWeight,
    boolean reuseFakeBatch) {

  /** The order of the two players' updates. */
  public enum Update { ALTERNATING, SIMULTANEOUS }

  public GanConfig {
    require(loss != null, "loss", loss, "one of the GanLoss records");
    require(penalty != null, "penalty", penalty, "Penalty.None, GradientPenalty or R1");
    require(weightClip >= 0 && Double.isFinite(weightClip), "weightClip", weightClip, ">= 0 (0 = off)");
    require(nCritic >= 1, "nCritic", nCritic, ">= 1");
    require(update != null, "update", update, "ALTERNATING or SIMULTANEOUS");
    require(generatorOptimizer != null, "generatorOptimizer", null, "an optimizer configuration");
    require(discriminatorOptimizer != null, "discriminatorOptimizer", null, "an optimizer configuration");
    require(batchSize >= 1, "batchSize", batchSize, ">= 1");
    require(noiseDim >= 1, "noiseDim", noiseDim, ">= 1");
    require(pack >= 1, "pack", pack, ">= 1");
    require(unrolledSteps >= 0, "unrolledSteps", unrolledSteps, ">= 0");
    require(emaDecay >= 0 && emaDecay < 1, "emaDecay", emaDecay, "[0, 1)");
    require(evalSamples >= 1, "evalSamples", evalSamples, ">= 1");
    require(conditionClasses >= 0 && conditionClasses != 1, "conditionClasses", conditionClasses, "0 (off) or >= 2");
    require(infoCategorical >= 0 && infoCategorical != 1, "infoCategorical", infoCategorical, "0 (none) or >= 2");
    require(infoContinuous >= 0, "infoContinuous", infoContinuous, ">= 0");
    require(infoWeight >= 0 && Double.isFinite(infoWeight), "infoWeight", infoWeight, ">= 0");
    require(infoContinuousWeight >= 0 && Double.isFinite(infoContinuousWeight), "infoContinuousWeight",
        infoContinuousWeight, ">= 0");
    if ((conditionClasses > 0 || infoCategorical + infoContinuous > 0)
        && (pack != 1 || unrollExact || update != Update.ALTERNATING)) {
      throw new IllegalArgumentException("conditioning (conditionClasses = " + conditionClasses + ") and InfoGAN codes "
          + "(infoCategorical = " + infoCategorical + ", infoContinuous = " + infoContinuous + ") need pack = 1, "
          + "unrollExact = false and update = ALTERNATING; got pack = " + pack + ", unrollExact = " + unrollExact
          + ", update = " + update);
    }
    if (unrollExact && (unrolledSteps < 1 || !(penalty instanceof Penalty.None) || weightClip != 0
        || !(discriminatorOptimizer instanceof org.rlgan.nets.optim.Adam.Config))) {
      throw new IllegalArgumentException("unrollExact = true needs unrolledSteps >= 1, penalty None, weightClip 0 and an "
          + "Adam discriminator optimizer; got unrolledSteps = " + unrolledSteps + ", penalty " + penalty + ", weightClip "
          + weightClip + ", " + discriminatorOptimizer);
    }
    if (reuseFakeBatch && (nCritic != 1 || unrolledSteps != 0 || update != Update.ALTERNATING)) {
      throw new IllegalArgumentException("GanConfig.reuseFakeBatch = true (one generated batch for both updates) "
          + "needs nCritic = 1, unrolledSteps = 0 and update = ALTERNATING; got nCritic = " + nCritic
          + ", unrolledSteps = " + unrolledSteps + ", update = " + update + " (set reuseFakeBatch = false for those)");
    }
    if (update == Update.SIMULTANEOUS && (nCritic != 1 || unrolledSteps != 0)) {
      throw new IllegalArgumentException("update = SIMULTANEOUS needs nCritic = 1 and unrolledSteps = 0, got nCritic = "
          + nCritic + ", unrolledSteps = " + unrolledSteps);
    }
  }

  /** The generator's input width: z, then one-hot(y), then one-hot(c), then the continuous codes. */
  public int generatorInputDim() {
    return noiseDim + conditionClasses + infoCategorical + infoContinuous;
  }

  /** The width of InfoGAN's Q head: categorical logits then continuous means (0 without InfoGAN codes). */
  public int infoDim() {
    return infoCategorical + infoContinuous;
  }

  private static void require(boolean ok, String field, Object value, String range) {
    if (!ok) {
      throw new IllegalArgumentException("GanConfig." + field + " = " + value + " is invalid: it must be " + range);
    }
  }

  /** A builder starting from the non-saturating GAN, Adam 1e-4 β = (0.5, 0.999) for both players, batch 256. */
  public static Builder builder() {
    return new Builder();
  }

  /** Fluent construction; {@link #build()} validates. */
  public static final class Builder {
    private GanLoss loss = new GanLoss.NonSaturating();
    private Penalty penalty = new Penalty.None();
    private double weightClip;
    private int nCritic = 1;
    private Update update = Update.ALTERNATING;
    private Optimizer.Config g = new Adam.Config(1e-4, 0.5, 0.999, 1e-8, 0, false);
    private Optimizer.Config d = new Adam.Config(1e-4, 0.5, 0.999, 1e-8, 0, false);
    private int batchSize = 256;
    private int noiseDim = 2;
    private int pack = 1;
    private int unrolledSteps;
    private boolean unrollExact;
    private double emaDecay;
    private long seed;
    private long evalNoiseSeed = 2333;
    private int evalSamples = 2500;
    private int conditionClasses;
    private int infoCategorical;
    private int infoContinuous;
    private double infoWeight = 1;
    private double infoContinuousWeight = 1;
    private boolean reuseFakeBatch;

    public Builder loss(GanLoss v) { loss = v; return this; }
    public Builder penalty(Penalty v) { penalty = v; return this; }
    public Builder weightClip(double v) { weightClip = v; return this; }
    public Builder nCritic(int v) { nCritic = v; return this; }
    public Builder update(Update v) { update = v; return this; }
    public Builder generatorOptimizer(Optimizer.Config v) { g = v; return this; }
    public Builder discriminatorOptimizer(Optimizer.Config v) { d = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder noiseDim(int v) { noiseDim = v; return this; }
    public Builder pack(int v) { pack = v; return this; }
    public Builder unrolledSteps(int v) { unrolledSteps = v; return this; }
    public Builder unrollExact(boolean v) { unrollExact = v; return this; }
    public Builder emaDecay(double v) { emaDecay = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder evalNoiseSeed(long v) { evalNoiseSeed = v; return this; }
    public Builder evalSamples(int v) { evalSamples = v; return this; }
    public Builder conditionClasses(int v) { conditionClasses = v; return this; }
    /** InfoGAN codes: one categorical code with {@code categories} values and {@code continuous} U(−1, 1) codes. */
    public Builder infoCodes(int categories, int continuous) {
      infoCategorical = categories;
      infoContinuous = continuous;
      return this;
    }
    /** InfoGAN's λ for the categorical and the continuous codes (default 1 and 1, as InfoGAN's MNIST run). */
    public Builder infoWeights(double categorical, double continuous) {
      infoWeight = categorical;
      infoContinuousWeight = continuous;
      return this;
    }

    /** One generated batch for both updates of a step (the DCGAN reference code's scheme); see {@link GanConfig}. */
    public Builder reuseFakeBatch(boolean v) { reuseFakeBatch = v; return this; }

    public GanConfig build() {
      return new GanConfig(loss, penalty, weightClip, nCritic, update, g, d, batchSize, noiseDim, pack,
          unrolledSteps, unrollExact, emaDecay, seed, evalNoiseSeed, evalSamples, conditionClasses, infoCategorical,
          infoContinuous, infoWeight, infoContinuousWeight, reuseFakeBatch);
    }
  }
}
