package org.rlgan.gan.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.gan.SplitMix64;
import org.rlgan.gan.data.RealData;
import org.rlgan.gan.loss.Penalties;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.io.ParameterFiles;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.Models;
import org.rlgan.nets.optim.Optimizer;

/**
 * Trains a generator G and a discriminator (critic) D by the two-player game of Goodfellow et al. 2014
 * ("Generative adversarial nets", Algorithm 1), with the variants of book chapter 9 as options of one
 * {@link GanConfig}: n_critic discriminator updates per generator update and weight clipping (WGAN, Arjovsky et
 * al. 2017, Algorithm 1), gradient penalties (WGAN-GP, Gulrajani et al. 2017; R1, Mescheder et al. 2018),
 * packing (PacGAN, Lin et al. 2018), unrolled discriminator steps (Metz et al. 2017), simultaneous updates
 * (ALI's and PacGAN's code), separate optimizers and schedules per player, and an exponential moving average of
 * the generator's weights (Yazıcı et al. 2019).
 *
 * <p>Everything random (initial weights, data, noise, interpolation weights) comes from one {@link SplitMix64}
 * seeded by {@link GanConfig#seed()}, whose state is saved in checkpoints: {@link #save} then {@link #load} into
 * a trainer built with the same configuration continues bit for bit. Data is float32.
 *
 * <p>Unrolling is first order by default: G's gradient is taken at the unrolled discriminator θ_D^k with θ_D^k
 * held fixed. With {@link GanConfig#unrollExact()} the k Adam steps are differentiated too (Metz et al.'s eq. 12,
 * {@link Unrolling}), for MLP discriminators.
 *
 * <p>By default each step follows Goodfellow et al.'s Algorithm 1: the D update generates its batch without
 * recording, and the G update draws fresh noise and runs G again. With {@link GanConfig#reuseFakeBatch()} a step is
 * the DCGAN reference code's (PyTorch's {@code examples/dcgan}): G runs once, recorded; D learns from that batch
 * detached; G's loss is D(G(z)) through the updated D, back-propagated through the same forward pass of G. Either
 * way G's backward pass computes no gradients for D's parameters ({@link Autograd#backward(Tensor,
 * java.util.Collection)} with G's parameters). Every update ends with {@link Autograd#release}: the arrays it computed
 * go back to the allocator instead of waiting for the garbage collector.
 */
public final class GanTrainer {
  private static final String FORMAT = "rlgan-gan-checkpoint";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.rlgan.nets.loss.SoftmaxCrossEntropy CROSS_ENTROPY =
      new org.rlgan.nets.loss.SoftmaxCrossEntropy();

  private final GanConfig config;
  private final RealData data;
  private final SplitMix64 rng;
  private final Layer generator;
  private final Layer discriminator;
  private final Layer emaGenerator;
  private final Optimizer gOpt;
  private final Optimizer dOpt;
  private final INDArray evalNoise;
  private final long[] evalLabels;
  private final long[] discriminatorInput;
  private final List<GanListener> listeners = new ArrayList<>();
  private long step;

  /** Builds both networks (and the EMA copy) from the configuration's seed. */
  public GanTrainer(GanConfig config, GanArchitecture architecture, RealData data) {
    this.config = config;
    this.data = data;
    this.rng = new SplitMix64(config.seed());
    long[] shape = data.shape();
    if (config.conditionClasses() > 0 && data.classes() != config.conditionClasses()) {
      throw new IllegalArgumentException("GanConfig.conditionClasses = " + config.conditionClasses() + " but the data ("
          + data + ") has " + data.classes() + " classes: set conditionClasses to " + data.classes()
          + (data.classes() == 0 ? " (unlabelled data cannot condition a GAN)" : ""));
    }
    this.discriminatorInput = shape.clone();
    this.discriminatorInput[0] += config.conditionClasses();
    int gIn = config.generatorInputDim();
    this.generator = architecture.generator(gIn, shape, rng);
    this.discriminator = architecture.discriminator(discriminatorInput, config.pack(), 1 + config.infoDim(), rng);
    long[] gOut = generator.outputShape(new long[] {gIn});
    if (!Arrays.equals(gOut, shape)) {
      throw new IllegalArgumentException("the generator maps [" + gIn + "] to " + Arrays.toString(gOut)
          + ", the data has shape " + Arrays.toString(shape));
    }
    long[] dOut = discriminator.outputShape(packedShape());
    if (!Arrays.equals(dOut, new long[] {1 + config.infoDim()})) {
      throw new IllegalArgumentException("the discriminator must map " + Arrays.toString(packedShape())
          + " to [" + (1 + config.infoDim()) + "], it gives " + Arrays.toString(dOut));
    }
    if (config.emaDecay() > 0) {
      this.emaGenerator = architecture.generator(gIn, shape, new SplitMix64(config.seed()));
      Models.copyParameters(generator, emaGenerator);
    } else {
      this.emaGenerator = null;
    }
    this.gOpt = config.generatorOptimizer().build();
    this.dOpt = config.discriminatorOptimizer().build();
    Latent eval = latent(config.evalSamples(), new SplitMix64(config.evalNoiseSeed()), null, true);
    this.evalNoise = eval.input();
    this.evalLabels = eval.labels();
  }

  public GanTrainer addListener(GanListener l) {
    listeners.add(l);
    return this;
  }

  public GanConfig config() { return config; }
  public Layer generator() { return generator; }
  public Layer discriminator() { return discriminator; }
  /** The EMA copy of the generator, or null when {@link GanConfig#emaDecay()} is 0. */
  public Layer emaGenerator() { return emaGenerator; }
  public Optimizer generatorOptimizer() { return gOpt; }
  public Optimizer discriminatorOptimizer() { return dOpt; }
  /** Completed steps (generator updates). */
  public long stepCount() { return step; }

  /** Runs {@code steps} more steps, or fewer if a listener returns false; returns the last step's metrics. */
  public StepMetrics train(long steps) {
    StepMetrics last = null;
    for (long i = 0; i < steps; i++) {
      last = step();
      boolean go = true;
      for (GanListener l : listeners) {
        go &= l.onStep(this, last);
      }
      if (!go) {
        break;
      }
    }
    return last;
  }

  /**
   * One step of the game: n_critic discriminator updates, then one generator update (or, with
   * {@link GanConfig.Update#SIMULTANEOUS}, both players from one batch). Listeners are not called here.
   */
  public StepMetrics step() {
    if (config.update() == GanConfig.Update.SIMULTANEOUS) {
      return simultaneousStep();
    }
    // 1. Critic: n_critic updates of D, each on a fresh real batch and a fresh generated batch
    //    (Goodfellow et al. Algorithm 1, inner loop; WGAN Algorithm 1, lines 2-8). With reuseFakeBatch (the DCGAN
    //    reference code): one update, on a generated batch whose forward pass is recorded for step 3.
    double[] d = null;
    Fake reused = null;
    if (config.reuseFakeBatch()) {
      ForwardContext ctx = ForwardContext.train(rng);
      RealData.Labelled realBatch = realPacked(config.batchSize());
      reused = generatePacked(config.batchSize(), realBatch.labels(), ctx);
      d = discriminatorUpdate(realBatch, reused, ctx);
    } else {
      for (int i = 0; i < config.nCritic(); i++) {
        d = discriminatorUpdate();
      }
    }
    // 2. Unrolled GAN (Metz et al. 2017, Sec. 2.2): k more D updates and G's loss against θ_D^k.
    //    First order: D really takes the k updates and is put back afterwards (parameters, buffers, optimizer
    //    state). Exact (unrollExact): the k Adam steps are taken on the tape (Unrolling), D itself is not changed.
    Map<String, INDArray> savedParams = null;
    Map<String, INDArray> savedBuffers = null;
    Map<String, INDArray> savedOpt = null;
    Map<String, Tensor> unrolled = null;
    ForwardContext ctx = ForwardContext.train(rng);
    if (config.unrolledSteps() > 0 && config.unrollExact()) {
      List<Tensor> reals = new ArrayList<>();
      List<Tensor> fakes = new ArrayList<>();
      generator.zeroGrad();
      for (int i = 0; i < config.unrolledSteps(); i++) {
        reals.add(Tensor.constant(realPacked(config.batchSize()).x()));
        fakes.add(generatePacked(config.batchSize(), null, ctx).x()); // recorded: θ_D^k depends on θ_G through these
      }
      unrolled = Unrolling.unroll(sequentialDiscriminator(), (org.rlgan.nets.optim.Adam.Config) dOpt.config(),
          dOpt.iterations(), dOpt.state(discriminator.namedParameters()), config.loss(), reals, fakes, ctx);
    } else if (config.unrolledSteps() > 0) {
      savedParams = copy(valuesOf(discriminator.namedParameters()));
      savedBuffers = copy(discriminator.namedBuffers());
      savedOpt = dOpt.state(discriminator.namedParameters());
      for (int i = 0; i < config.unrolledSteps(); i++) {
        discriminatorUpdate();
      }
    }
    // 3. Generator: minimise L_G(D(G(z))) over a fresh noise batch, or over step 1's batch with reuseFakeBatch
    //    (non-saturating: −E log σ(D(G(z))), etc.).
    if (unrolled == null) {
      generator.zeroGrad();
    }
    Fake fake = reused != null ? reused : generatePacked(config.batchSize(), null, ctx);
    Tensor[] score = unrolled == null ? discriminate(fake.x(), fake.labels(), ctx)
        : new Tensor[] {Unrolling.forward(sequentialDiscriminator(), unrolled, fake.x(), ctx), null};
    Tensor gLoss = config.loss().generator(score[0]);
    // InfoGAN: G also minimises λ·L_I, i.e. maximises the lower bound on I(c; G(z, c)) (Chen et al. eq. 5).
    Tensor info = score[1] == null ? null : infoLoss(score[1], fake);
    // Only G's parameters: the gradient passes through D to G, D's own weight gradients are not computed.
    Autograd.backward(info == null ? gLoss : Ops.add(gLoss, info), generator.parameters());
    if (savedParams != null) {
      restore(discriminator.namedParameters(), savedParams);
      restoreBuffers(savedBuffers);
      dOpt.loadState(discriminator.namedParameters(), savedOpt);
    }
    gOpt.step(generator.parameters());
    discriminator.zeroGrad(); // D's gradients from its own update are not kept past the step
    // 4. EMA of the generator's weights: θ_ema ← β θ_ema + (1 − β) θ_G; buffers copied.
    updateEma();
    step++;
    StepMetrics m = new StepMetrics(step, d[0], d[1], gLoss.item(), d[2], d[3], gOpt.learningRate(),
        dOpt.learningRate(), info == null ? 0 : info.item());
    Autograd.release(gLoss, info); // G's step is done: its activations go back to the allocator (see release)
    return m;
  }

  private org.rlgan.nets.layers.Sequential sequentialDiscriminator() {
    if (discriminator instanceof org.rlgan.nets.layers.Sequential s) {
      return s;
    }
    throw new IllegalStateException("unrollExact needs a Sequential discriminator, got " + discriminator);
  }

  /**
   * One update of D on a fresh real batch and a fresh generated batch; returns {L_D, penalty, mean D(x),
   * mean D(G(z))}.
   */
  private double[] discriminatorUpdate() {
    ForwardContext ctx = ForwardContext.train(rng);
    RealData.Labelled realBatch = realPacked(config.batchSize());
    Fake fakeBatch;
    try (Autograd.Scope s = Autograd.noGrad()) {
      fakeBatch = generatePacked(config.batchSize(), realBatch.labels(), ctx);
    }
    return discriminatorUpdate(realBatch, fakeBatch, ctx);
  }

  /** One update of D on the given batches (the generated one detached); returns as {@link #discriminatorUpdate()}. */
  private double[] discriminatorUpdate(RealData.Labelled realBatch, Fake fakeBatch, ForwardContext ctx) {
    INDArray real = realBatch.x();
    INDArray fake = fakeBatch.x().value();
    discriminator.zeroGrad();
    Tensor[] r = discriminate(Tensor.constant(real), realBatch.labels(), ctx);
    Tensor[] f = discriminate(Tensor.constant(fake), fakeBatch.labels(), ctx);
    Tensor loss = config.loss().discriminator(r[0], f[0]);
    Tensor pen = penalty(real, fake, realBatch.labels(), ctx);
    Tensor total = pen == null ? loss : Ops.add(loss, pen);
    if (f[1] != null) {
      total = Ops.add(total, infoLoss(f[1], fakeBatch)); // Q's head and D's trunk learn to recover c
    }
    Autograd.backward(total);
    dOpt.step(discriminator.parameters());
    if (config.weightClip() > 0) {
      Penalties.clipWeightsInPlace(discriminator, config.weightClip());
    }
    double[] metrics = {loss.item(), pen == null ? 0 : pen.item(), r[0].value().meanNumber().doubleValue(),
        f[0].value().meanNumber().doubleValue()};
    Autograd.release(total); // the generated batch is a constant here, so a reused batch's graph stays intact
    return metrics;
  }

  /** ALI's update: both losses from one batch and one generated batch, then both optimizer steps. */
  private StepMetrics simultaneousStep() {
    ForwardContext ctx = ForwardContext.train(rng);
    INDArray real = realPacked(config.batchSize()).x();
    Tensor fake = generatePacked(config.batchSize(), null, ctx).x();
    Tensor r = discriminator.forward(Tensor.constant(real), ctx);
    Tensor f = discriminator.forward(fake, ctx);
    Tensor dLoss = config.loss().discriminator(r, f);
    Tensor pen = penalty(real, fake.value(), null, ctx);
    Tensor gLoss = config.loss().generator(f);
    List<Tensor> dParams = discriminator.parameters();
    List<Tensor> gParams = generator.parameters();
    // Two gradients of one graph: ∇_θD L_D and ∇_θG L_G, both at the current (θ_D, θ_G).
    List<Tensor> dGrads = Autograd.grad(pen == null ? dLoss : Ops.add(dLoss, pen), dParams, false);
    List<Tensor> gGrads = Autograd.grad(gLoss, gParams, false);
    for (int i = 0; i < dParams.size(); i++) {
      dParams.get(i).setGrad(dGrads.get(i).value());
    }
    for (int i = 0; i < gParams.size(); i++) {
      gParams.get(i).setGrad(gGrads.get(i).value());
    }
    dOpt.step(dParams);
    gOpt.step(gParams);
    if (config.weightClip() > 0) {
      Penalties.clipWeightsInPlace(discriminator, config.weightClip());
    }
    discriminator.zeroGrad();
    generator.zeroGrad();
    updateEma();
    step++;
    StepMetrics m = new StepMetrics(step, dLoss.item(), pen == null ? 0 : pen.item(), gLoss.item(),
        r.value().meanNumber().doubleValue(), f.value().meanNumber().doubleValue(), gOpt.learningRate(),
        dOpt.learningRate(), 0);
    Autograd.release(dLoss, pen, gLoss);
    return m;
  }

  /** The penalty term, with the gradient taken with respect to the sample only (labels are held fixed). */
  private Tensor penalty(INDArray real, INDArray fake, long[] labels, ForwardContext ctx) {
    Penalty p = config.penalty();
    if (p instanceof Penalty.None) {
      return null;
    }
    Layer critic = labels == null && config.infoDim() == 0 ? discriminator : new Critic(labels);
    if (p instanceof Penalty.GradientPenalty gp) {
      INDArray eps = Penalties.interpolationWeights(real.size(0), rng);
      return Penalties.gradientPenalty(critic, real, fake, eps, gp.lambda(), ctx);
    }
    if (p instanceof Penalty.R1 r1) {
      return Penalties.r1(critic, real, r1.gamma(), ctx);
    }
    return null;
  }

  /**
   * D's output split into the logit [n, 1] and Q's head [n, Q] (null without InfoGAN codes), for samples x
   * conditioned on {@code labels} (null when unconditional).
   */
  private Tensor[] discriminate(Tensor x, long[] labels, ForwardContext ctx) {
    Tensor out = discriminator.forward(condition(x, labels), ctx);
    int q = config.infoDim();
    return q == 0 ? new Tensor[] {out, null} : new Tensor[] {Ops.narrow(out, 1, 0, 1), Ops.narrow(out, 1, 1, q)};
  }

  /** x with one-hot(labels) appended along axis 1 (constant over the remaining axes); x itself when unconditional. */
  private Tensor condition(Tensor x, long[] labels) {
    if (labels == null) {
      return x;
    }
    int k = config.conditionClasses();
    long[] s = x.value().shape();
    int n = (int) s[0];
    int plane = 1;
    for (int i = 2; i < s.length; i++) {
      plane *= (int) s[i];
    }
    float[] planes = new float[n * k * plane];
    for (int i = 0; i < n; i++) {
      Arrays.fill(planes, (i * k + (int) labels[i]) * plane, (i * k + (int) labels[i] + 1) * plane, 1f);
    }
    long[] ps = s.clone();
    ps[1] = k;
    INDArray c = Nd4j.createFromArray(planes).reshape(ps).castTo(x.value().dataType());
    return Ops.concat(1, x, Tensor.constant(c));
  }

  /**
   * InfoGAN's λ·L_I on Q's outputs for a generated batch: λ_cat·CE(Q_cat, c_cat) + λ_cont·½·E‖c_cont − μ_Q‖²
   * (batch means).
   */
  private Tensor infoLoss(Tensor q, Fake fake) {
    int cat = config.infoCategorical();
    int cont = config.infoContinuous();
    Tensor l = null;
    if (cat > 0) {
      l = Ops.mulScalar(CROSS_ENTROPY.apply(Ops.narrow(q, 1, 0, cat), fake.codes()), config.infoWeight());
    }
    if (cont > 0) {
      Tensor d = Ops.sub(Ops.narrow(q, 1, cat, cont), Tensor.constant(fake.continuous().castTo(q.value().dataType())));
      Tensor nll = Ops.mulScalar(Ops.mean(Ops.sum(Ops.square(d), false, 1)), 0.5 * config.infoContinuousWeight());
      l = l == null ? nll : Ops.add(l, nll);
    }
    return l;
  }

  /** D as the scalar critic of a penalty: the logit of D on x conditioned on fixed labels. */
  private final class Critic implements Layer {
    private final long[] labels;

    Critic(long[] labels) {
      this.labels = labels;
    }

    @Override
    public Tensor forward(Tensor x, ForwardContext ctx) {
      return discriminate(x, labels, ctx)[0];
    }

    @Override
    public long[] outputShape(long[] inputShape) {
      return new long[] {1};
    }

    @Override
    public LinkedHashMap<String, Tensor> namedParameters() {
      return discriminator.namedParameters();
    }

    @Override
    public LinkedHashMap<String, INDArray> namedBuffers() {
      return discriminator.namedBuffers();
    }

    @Override
    public org.rlgan.nets.layers.LayerSpec spec() {
      return discriminator.spec(); // a view, not a network of its own: it has D's parameters and architecture
    }
  }

  private void updateEma() {
    if (emaGenerator == null) {
      return;
    }
    Models.polyakUpdate(generator, emaGenerator, 1 - config.emaDecay());
    Map<String, INDArray> from = generator.namedBuffers();
    Map<String, INDArray> to = emaGenerator.namedBuffers();
    for (Map.Entry<String, INDArray> e : from.entrySet()) {
      to.get(e.getKey()).assign(e.getValue());
    }
  }

  /** D's per-sample input shape (the data's, label channels included) with the first axis times the packing degree. */
  private long[] packedShape() {
    long[] s = discriminatorInput.clone();
    s[0] *= config.pack();
    return s;
  }

  /**
   * n packed real examples: row i holds samples i·m … i·m + m − 1 side by side, [n, m·d]; with their labels when the
   * GAN is conditional (then m = 1), else labels null.
   */
  private RealData.Labelled realPacked(int n) {
    if (config.conditionClasses() > 0) {
      return data.sampleLabelled(n, rng, DataType.FLOAT);
    }
    INDArray x = data.sample(n * config.pack(), rng, DataType.FLOAT);
    long[] s = data.shape().clone();
    s[0] *= config.pack();
    long[] out = new long[s.length + 1];
    out[0] = n;
    System.arraycopy(s, 0, out, 1, s.length);
    return new RealData.Labelled(x.reshape(out), null);
  }

  /** A generated batch and the latent choices behind it (labels, codes: null when not used). */
  private record Fake(Tensor x, long[] labels, long[] codes, INDArray continuous) {}

  /** A generator input [n, generatorInputDim] and its parts. */
  private record Latent(INDArray input, long[] labels, long[] codes, INDArray continuous) {}

  /**
   * n packed generated examples: m generator calls on n latent vectors each, concatenated along the first data
   * axis (PacGAN's {@code tensor.concatenate(x_tildes, axis=1)}; batch statistics are per call, as theirs).
   * {@code labels} fixes a conditional GAN's classes (null: drawn uniformly).
   */
  private Fake generatePacked(int n, long[] labels, ForwardContext ctx) {
    if (config.pack() == 1) {
      Latent l = latent(n, rng, labels, false);
      return new Fake(generator.forward(Tensor.constant(l.input()), ctx), l.labels(), l.codes(), l.continuous());
    }
    Tensor[] parts = new Tensor[config.pack()];
    for (int j = 0; j < parts.length; j++) {
      parts[j] = generator.forward(Tensor.constant(latent(n, rng, null, false).input()), ctx);
    }
    return new Fake(Ops.concat(1, parts), null, null, null);
  }

  /**
   * Draws n generator inputs from {@code r}: z ~ N(0, I) (all n·noiseDim values first), then the labels (given, or
   * uniform; {@code cyclic}: row i gets i mod K), the categorical code (uniform, or i mod K when cyclic) and the
   * continuous codes ~ U(−1, 1). Row layout: [z, one-hot(y), one-hot(c), c_cont].
   */
  private Latent latent(int n, SplitMix64 r, long[] labels, boolean cyclic) {
    int d = config.noiseDim();
    int k = config.conditionClasses();
    int cat = config.infoCategorical();
    int cont = config.infoContinuous();
    int width = config.generatorInputDim();
    float[] z = new float[n * width];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i * width + j] = (float) r.nextGaussian();
      }
    }
    long[] y = null;
    if (k > 0) {
      y = labels != null ? labels.clone() : new long[n];
      for (int i = 0; i < n; i++) {
        if (labels == null) {
          y[i] = cyclic ? i % k : r.nextInt(k);
        }
        z[i * width + d + (int) y[i]] = 1f;
      }
    }
    long[] c = null;
    if (cat > 0) {
      c = new long[n];
      for (int i = 0; i < n; i++) {
        c[i] = cyclic ? i % cat : r.nextInt(cat);
        z[i * width + d + k + (int) c[i]] = 1f;
      }
    }
    INDArray u = null;
    if (cont > 0) {
      float[] v = new float[n * cont];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < cont; j++) {
          v[i * cont + j] = (float) (2 * r.nextDouble() - 1);
          z[i * width + d + k + cat + j] = v[i * cont + j];
        }
      }
      u = Nd4j.createFromArray(v).reshape(n, cont);
    }
    return new Latent(Nd4j.createFromArray(z).reshape(n, width), y, c, u);
  }

  /**
   * The generator's outputs (the EMA copy's when there is one) on the fixed evaluation noise, in evaluation mode
   * (batch normalisation uses running statistics), [evalSamples, ...dataShape] as a new array. The trainer's
   * random stream is not touched.
   */
  public INDArray sampleFixed() {
    return generate(evalNoise);
  }

  /**
   * The classes of the fixed evaluation rows of a conditional GAN (row i: i mod K), or null when unconditional.
   * InfoGAN's categorical code of row i is i mod K too.
   */
  public long[] evalLabels() {
    return evalLabels == null ? null : evalLabels.clone();
  }

  /**
   * The generator (the EMA copy when there is one) in evaluation mode on given inputs [n, generatorInputDim]
   * (see {@link #generatorInput}), as a new array [n, ...dataShape]. The trainer's random stream is not touched.
   */
  public INDArray generate(INDArray input) {
    Layer g = emaGenerator != null ? emaGenerator : generator;
    long n = input.size(0);
    // Chunks of 500 rows bound the activations' memory; evaluation mode makes each row independent of the others.
    List<INDArray> parts = new ArrayList<>();
    try (Autograd.Scope s = Autograd.noGrad()) {
      for (long from = 0; from < n; from += 500) {
        INDArray in = input.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, Math.min(n, from + 500)));
        parts.add(g.forward(Tensor.constant(in.castTo(DataType.FLOAT).dup()), ForwardContext.eval()).value().dup());
      }
    }
    return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
  }

  /**
   * Assembles generator inputs [n, generatorInputDim] row by row as [z, one-hot(label), one-hot(code), continuous]:
   * z [n, noiseDim]; labels [n] (null when unconditional), codes [n] (null without a categorical code), continuous
   * [n, infoContinuous] (null without continuous codes). For latent traversals and per-class sample grids.
   */
  public INDArray generatorInput(INDArray z, long[] labels, long[] codes, INDArray continuous) {
    int n = (int) z.size(0);
    int d = config.noiseDim();
    int k = config.conditionClasses();
    int cat = config.infoCategorical();
    int cont = config.infoContinuous();
    if (z.rank() != 2 || z.size(1) != d || (k > 0) != (labels != null) || (cat > 0) != (codes != null)
        || (cont > 0) != (continuous != null)) {
      throw new IllegalArgumentException("generatorInput needs z [n, " + d + "]" + (k > 0 ? ", labels [n]" : "")
          + (cat > 0 ? ", codes [n]" : "") + (cont > 0 ? ", continuous [n, " + cont + "]" : "")
          + " (the others null), got z " + Arrays.toString(z.shape()));
    }
    int width = config.generatorInputDim();
    float[] in = new float[n * width];
    float[] zf = z.castTo(DataType.FLOAT).dup().data().asFloat();
    float[] cf = continuous == null ? null : continuous.castTo(DataType.FLOAT).dup().data().asFloat();
    for (int i = 0; i < n; i++) {
      System.arraycopy(zf, i * d, in, i * width, d);
      if (k > 0) {
        in[i * width + d + index("labels", labels, i, k)] = 1f;
      }
      if (cat > 0) {
        in[i * width + d + k + index("codes", codes, i, cat)] = 1f;
      }
      if (cont > 0) {
        System.arraycopy(cf, i * cont, in, i * width + d + k + cat, cont);
      }
    }
    return Nd4j.createFromArray(in).reshape(n, width);
  }

  /** {@link #sampleFixed()} as rows of doubles (2-D data: [n][2]). */
  public double[][] sampleFixedRows() {
    INDArray x = sampleFixed();
    long n = x.size(0);
    INDArray flat = x.reshape(n, x.length() / n).castTo(DataType.DOUBLE);
    double[][] out = new double[(int) n][];
    for (int i = 0; i < n; i++) {
      out[i] = flat.getRow(i).toDoubleVector();
    }
    return out;
  }

  private static int index(String what, long[] values, int i, int bound) {
    if (values.length <= i || values[i] < 0 || values[i] >= bound) {
      throw new IllegalArgumentException("generatorInput: " + what + "[" + i + "] = "
          + (values.length <= i ? "(missing)" : values[i]) + " must be in [0, " + bound + ")");
    }
    return (int) values[i];
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * Writes a checkpoint into {@code dir}: {@code generator.npz}/{@code .json} (G and its optimizer's state),
   * {@code discriminator.npz} (D and its optimizer's state), {@code ema.npz} (when EMA is on), and
   * {@code trainer.json} (format, step, the random generator's state, the configuration). Each file is written
   * to a temporary sibling and moved into place; {@code trainer.json} last.
   */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    ParameterFiles.save(dir.resolve("generator.npz"), generator, null, gOpt);
    ParameterFiles.save(dir.resolve("discriminator.npz"), discriminator, null, dOpt);
    if (emaGenerator != null) {
      ParameterFiles.save(dir.resolve("ema.npz"), emaGenerator, null, null);
    }
    var node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("version", 1);
    node.put("step", step);
    node.put("rng_state", Long.toString(rng.state()));
    node.put("config", config.toString());
    Path tmp = dir.resolve("trainer.json.tmp");
    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    Files.move(tmp, dir.resolve("trainer.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Restores a checkpoint written by {@link #save} into this trainer, which must have the same configuration
   * (checked) and architecture (checked by the parameter files, name by name and shape by shape).
   */
  public void load(Path dir) throws IOException {
    JsonNode node = JSON.readTree(new String(Files.readAllBytes(dir.resolve("trainer.json")), StandardCharsets.UTF_8));
    if (!FORMAT.equals(node.path("format").asText())) {
      throw new IOException(dir.resolve("trainer.json") + " is not a GAN checkpoint (format '"
          + node.path("format").asText() + "', expected '" + FORMAT + "')");
    }
    String saved = node.path("config").asText();
    if (!saved.equals(config.toString())) {
      throw new IllegalArgumentException("checkpoint " + dir + " was written with another configuration:\n  saved: "
          + saved + "\n  this:  " + config);
    }
    ParameterFiles.load(dir.resolve("generator.npz"), generator, gOpt);
    ParameterFiles.load(dir.resolve("discriminator.npz"), discriminator, dOpt);
    if (emaGenerator != null) {
      ParameterFiles.load(dir.resolve("ema.npz"), emaGenerator, null);
    }
    step = node.path("step").asLong();
    rng.setState(Long.parseLong(node.path("rng_state").asText()));
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, INDArray> valuesOf(Map<String, Tensor> params) {
    LinkedHashMap<String, INDArray> m = new LinkedHashMap<>();
    params.forEach((k, v) -> m.put(k, v.value()));
    return m;
  }

  private static Map<String, INDArray> copy(Map<String, INDArray> m) {
    LinkedHashMap<String, INDArray> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }

  private static void restore(Map<String, Tensor> params, Map<String, INDArray> saved) {
    params.forEach((k, v) -> v.value().assign(saved.get(k)));
  }

  private void restoreBuffers(Map<String, INDArray> saved) {
    discriminator.namedBuffers().forEach((k, v) -> v.assign(saved.get(k)));
  }
}
