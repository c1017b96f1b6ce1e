package org.rlgan.gan.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.gan.SplitMix64;
import org.rlgan.gan.data.MnistImages;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.metrics.ImageEvaluator;
import org.rlgan.gan.metrics.MnistClassifier;
import org.rlgan.gan.models.Dcgan;
import org.rlgan.gan.pictures.ImageGrid;
import org.rlgan.gan.pictures.LatentInterpolation;
import org.rlgan.gan.train.Checkpoints;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.gan.train.JsonlMetrics;
import org.rlgan.nets.data.Mnist;
import org.rlgan.nets.optim.Adam;

/**
 * Trains a DCGAN, a conditional DCGAN or an InfoGAN on MNIST (or Fashion-MNIST) through {@link GanTrainer} and
 * records its progress: step metrics ({@code metrics.jsonl}), image metrics on the fixed evaluation noise every
 * {@code --eval-every} steps ({@code eval.jsonl}: classifier-FID, KID, classifier score, precision/recall, and the
 * requested-class accuracy of a conditional GAN), a 10 × 10 sample grid of the same noise at each evaluation
 * ({@code grid-STEP.png}), a checkpoint every {@code --checkpoint-every} steps and at the end, and latent
 * interpolations of the final generator ({@code interpolation.png}, {@link LatentInterpolation}). The metrics'
 * classifier ({@link MnistClassifier}) is trained once and cached.
 *
 * <p>{@code --resume true} continues the run in {@code --out} from its {@code checkpoint/} (same arguments; a
 * different configuration is refused) up to {@code --steps}: the lines of {@code metrics.jsonl}, {@code timing.jsonl}
 * and {@code eval.jsonl} after the checkpoint's step are dropped and written again, so the files equal an
 * uninterrupted run's (wall-clock fields aside). Without it, a run starts afresh and replaces those files.
 *
 * <pre>
 * java -cp "$CP" org.rlgan.gan.examples.MnistGan --model dcgan --steps 3000 --out runs/dcgan
 * </pre>
 *
 * Arguments ({@code --name value}; defaults in brackets): model dcgan|cgan|infogan [dcgan], data mnist|fashion
 * [mnist], steps [3000], batch [64], width (DCGAN's w) [64], noise (z's dimension) [100], lr (both Adams, β = 0.5,
 * 0.999) [2e-4], seed [0], eval-every [500], eval-samples [2000], ema (decay, 0 = off) [0], classifier-epochs [2],
 * checkpoint-every [eval-every], resume true|false [false], data-dir (a folder of MNIST-format IDX files, e.g. the
 * CI subset) [MNIST's or Fashion-MNIST's standard folder], out [runs/mnist-gan]. A bad argument or missing data set:
 * a message and exit code 2.
 */
public final class MnistGan {
  private MnistGan() {}

  private static final Set<String> KNOWN = Set.of("model", "data", "steps", "batch", "width", "noise", "lr", "seed",
      "eval-every", "eval-samples", "ema", "classifier-epochs", "out", "checkpoint-every", "resume", "data-dir");

  public static void main(String[] args) throws IOException {
    try {
      run(args);
    } catch (CliArgs.UsageException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (NoSuchFileException e) {
      System.err.println("MnistGan: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Runs the program with its command-line arguments; bad input is a {@link CliArgs.UsageException}. */
  static void run(String... args) throws IOException {
    CliArgs a = CliArgs.parse("MnistGan", args, KNOWN);
    String commandLine = String.join(" ", args);
    String model = a.choice("model", "dcgan", "cgan", "infogan");
    String dataName = a.choice("data", "mnist", "fashion");
    long steps = a.integer("steps", 3000, 0);
    int batch = (int) a.integer("batch", 64, 1);
    int width = (int) a.integer("width", 64, 1);
    int noise = (int) a.integer("noise", 100, 1);
    double lr = a.decimal("lr", 2e-4, 0);
    long seed = a.integer("seed", 0, Long.MIN_VALUE);
    long evalEvery = a.integer("eval-every", 500, 1);
    int evalSamples = (int) a.integer("eval-samples", 2000, 100);
    double ema = a.decimal("ema", 0, 0);
    int classifierEpochs = (int) a.integer("classifier-epochs", 2, 1);
    Path out = Path.of(a.string("out", "runs/mnist-gan"));
    long checkpointEvery = a.integer("checkpoint-every", evalEvery, 1);
    boolean resume = a.choice("resume", "false", "true").equals("true");

    boolean fashion = dataName.equals("fashion");
    Path dir = a.has("data-dir") ? Path.of(a.string("data-dir", "")) : fashion ? MnistImages.DEBIAN_FASHION_MNIST
        : Mnist.defaultDirectory();
    Path checkpoint = out.resolve("checkpoint");
    if (resume && !Files.isRegularFile(checkpoint.resolve("trainer.json"))) {
      throw new CliArgs.UsageException("MnistGan: --resume true, but " + checkpoint + " holds no checkpoint; run "
          + "without --resume first (or give the --out of the run to continue)");
    }
    Mnist.Split train;
    Mnist.Split test;
    try {
      train = Mnist.load(dir, Mnist.Part.TRAIN);
      test = Mnist.load(dir, Mnist.Part.TEST);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(e.getMessage() + (fashion ? " (install it with scripts/fetch-fashion-mnist.sh)" : ""));
    }
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    String dataset = fashion ? "fashion-mnist" : "mnist";
    Path classifierFile = MnistClassifier.cacheFileFor(dataset, train, classifierEpochs, 0);
    MnistClassifier classifier = MnistClassifier.loadOrTrain(classifierFile, train, classifierEpochs, 0);
    double accuracy = classifier.accuracy(test);
    ImageEvaluator evaluator = new ImageEvaluator(classifier, test);
    System.out.printf(Locale.ROOT, "# %s: classifier test accuracy %.4f (%.1f s to load or train, and to embed the %d "
        + "test images)%n", dataset, accuracy, (System.nanoTime() - t0) / 1e9, test.size());

    Adam.Config adam = new Adam.Config(lr, 0.5, 0.999, 1e-8, 0, false);
    GanConfig.Builder b = GanConfig.builder().loss(new GanLoss.NonSaturating()).generatorOptimizer(adam)
        .discriminatorOptimizer(adam).batchSize(batch).noiseDim(noise).emaDecay(ema).seed(seed).evalNoiseSeed(2333)
        .evalSamples(evalSamples);
    if (model.equals("cgan")) {
      b.conditionClasses(Mnist.CLASSES);
    } else if (model.equals("infogan")) {
      b.infoCodes(10, 2); // InfoGAN's MNIST codes: one 10-way categorical, two continuous U(−1, 1)
    }
    GanConfig config = b.build();
    GanTrainer trainer = new GanTrainer(config, new Dcgan(width), new MnistImages(train));
    Files.writeString(out.resolve("run.txt"), String.format(Locale.ROOT,
        "arguments: %s%nconfig: %s%narchitecture: %s%ndata: %s (%d training images)%nclassifier: %s, test accuracy %.4f%n",
        commandLine, config, new Dcgan(width), dir, train.size(), classifierFile, accuracy), StandardCharsets.UTF_8);

    long start = System.nanoTime();
    if (resume) {
      trainer.load(checkpoint);
      long at = trainer.stepCount();
      keepLines(out.resolve("metrics.jsonl"), at, 1);
      keepLines(out.resolve("timing.jsonl"), at, 1);
      keepLines(out.resolve("eval.jsonl"), at, evalEvery); // a shorter run's final evaluation is not on the cadence
      System.out.printf(Locale.ROOT, "# resuming from %s at step %d%n", checkpoint, at);
    } else {
      for (String f : new String[] {"metrics.jsonl", "timing.jsonl", "eval.jsonl"}) {
        Files.deleteIfExists(out.resolve(f));
      }
      evaluate(trainer, evaluator, out, 0, start);
    }
    try (JsonlMetrics log = new JsonlMetrics(out.resolve("metrics.jsonl"), out.resolve("timing.jsonl"), 25)) {
      trainer.addListener(log);
      trainer.addListener((t, m) -> {
        try {
          if (m.step() % evalEvery == 0 || m.step() == steps) {
            evaluate(t, evaluator, out, m.step(), start);
          }
          if (m.step() % checkpointEvery == 0 && m.step() < steps) {
            Checkpoints.saveAtomically(t, checkpoint, null);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return Double.isFinite(m.discriminatorLoss()) && Double.isFinite(m.generatorLoss());
      });
      trainer.train(Math.max(0, steps - trainer.stepCount()));
    }
    Checkpoints.saveAtomically(trainer, checkpoint, null);
    INDArray samples = trainer.sampleFixed();
    ImageGrid.write(samples.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100)), 10, -1, 1, 2,
        out.resolve("samples.png"));
    LatentInterpolation.write(trainer, 10, 10, 2334, 2, out.resolve("interpolation.png"));
    if (model.equals("infogan")) {
      codeTraversal(trainer, out.resolve("infogan-codes.png"));
    }
    System.out.printf(Locale.ROOT, "# done: %d steps in %.1f s; %s%n", trainer.stepCount(),
        (System.nanoTime() - start) / 1e9, out.toAbsolutePath());
  }

  /**
   * Keeps the lines of a JSON-lines file whose {@code "step"} is at most {@code at} and a multiple of {@code every}
   * (step 0 always), dropping the rest: what a resumed run writes again.
   */
  private static void keepLines(Path file, long at, long every) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    java.util.regex.Pattern step = java.util.regex.Pattern.compile("\\{\"step\":(\\d+)");
    StringBuilder kept = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      java.util.regex.Matcher m = step.matcher(line);
      long s = m.lookingAt() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
      if (s <= at && s % every == 0) {
        kept.append(line).append('\n');
      }
    }
    Files.writeString(file, kept, StandardCharsets.UTF_8);
  }

  /** Scores the fixed-noise samples, appends a line to eval.jsonl and writes the grid of the first 100. */
  private static void evaluate(GanTrainer t, ImageEvaluator evaluator, Path out, long step, long start)
      throws IOException {
    long e0 = System.nanoTime();
    INDArray samples = t.sampleFixed();
    ImageEvaluator.Scores s = evaluator.evaluate(MnistClassifier.fromTanh(samples), t.evalLabels());
    ImageGrid.write(samples.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100)), 10, -1, 1, 2,
        out.resolve(String.format(Locale.ROOT, "grid-%06d.png", step)));
    String json = s.toJson();
    String line = "{\"step\":" + step + "," + json.substring(1, json.length() - 1)
        + String.format(Locale.ROOT, ",\"train_seconds\":%.1f,\"eval_seconds\":%.1f}", (e0 - start) / 1e9,
            (System.nanoTime() - e0) / 1e9);
    Files.writeString(out.resolve("eval.jsonl"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    System.out.println(line);
  }

  /**
   * InfoGAN's Figure 2 layout: row r holds categorical code r, columns sweep the first continuous code from −1 to 1
   * (the second held at 0), one z per row.
   */
  private static void codeTraversal(GanTrainer t, Path png) throws IOException {
    int rows = t.config().infoCategorical();
    int cols = 10;
    SplitMix64 r = new SplitMix64(7);
    float[] z = new float[rows * cols * t.config().noiseDim()];
    long[] codes = new long[rows * cols];
    float[] cont = new float[rows * cols * t.config().infoContinuous()];
    int d = t.config().noiseDim();
    for (int row = 0; row < rows; row++) {
      float[] zr = new float[d];
      for (int j = 0; j < d; j++) {
        zr[j] = (float) r.nextGaussian();
      }
      for (int col = 0; col < cols; col++) {
        int i = row * cols + col;
        System.arraycopy(zr, 0, z, i * d, d);
        codes[i] = row;
        cont[i * t.config().infoContinuous()] = -1f + 2f * col / (cols - 1);
      }
    }
    INDArray input = t.generatorInput(Nd4j.createFromArray(z).reshape(rows * cols, d), null, codes,
        Nd4j.createFromArray(cont).reshape(rows * cols, t.config().infoContinuous()));
    ImageGrid.write(t.generate(input).castTo(DataType.FLOAT), cols, -1, 1, 2, png);
  }
}
