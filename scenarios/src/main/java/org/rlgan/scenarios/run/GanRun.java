package org.rlgan.scenarios.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rlgan.gan.SplitMix64;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.data.MnistImages;
import org.rlgan.gan.data.RealData;
import org.rlgan.gan.metrics.ImageEvaluator;
import org.rlgan.gan.metrics.ImageMetrics;
import org.rlgan.gan.metrics.MnistClassifier;
import org.rlgan.gan.metrics.ModeMetrics;
import org.rlgan.gan.pictures.DecisionSurface;
import org.rlgan.gan.pictures.ImageGrid;
import org.rlgan.gan.pictures.LatentInterpolation;
import org.rlgan.gan.train.Checkpoints;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.gan.train.StepMetrics;
import org.rlgan.nets.data.Mnist;
import org.rlgan.scenarios.plot.Plots;
import org.rlgan.scenarios.spec.GanDataSpec;
import org.rlgan.scenarios.spec.GanScenario;

/**
 * {@code kind: gan}: trains gan-lab's {@link GanTrainer} and writes metrics.csv (means of the losses and scores over
 * each log interval), eval.csv (on the fixed noise: PacGAN's mode metrics for Gaussian mixtures; classifier-FID,
 * KID, classifier score, precision/recall and, for a conditional GAN, the requested-class accuracy for MNIST and
 * Fashion-MNIST), the pictures (2-D data: samples over the data and the discriminator's decision surface; images:
 * a sample grid at every evaluation and latent interpolations), and checkpoints for an exact {@code --resume}.
 *
 * <p>The run's history is {@code checkpoints/rows.jsonl} (one line per table row); a checkpoint records its length,
 * a resume truncates it there, so a resumed run's tables equal an uninterrupted run's. Checkpoints fall on log
 * boundaries, where the interval's sums are empty.
 */
final class GanRun {

  static final String[] METRICS = {"step", "d_loss", "penalty", "g_loss", "d_real", "d_fake", "lr_g", "lr_d"};

  /** The columns of {@link #METRICS} that are means over a log interval; the rest are the values at the row's step. */
  private static final int MEANS = 5;
  /** eval.csv's columns on Gaussian mixtures. */
  static final String[] EVAL = {"step", "modes", "high_quality", "reverse_kl"};
  /** eval.csv's columns on MNIST and Fashion-MNIST (plus {@code class_accuracy} for a conditional GAN). */
  static final String[] IMAGE_EVAL = {"step", "fid", "kid", "kid_std", "score", "score_std", "precision", "recall"};
  /**
   * eval.csv's columns on other image data (environment frames): KID (mean and standard deviation over 10 subsets)
   * and precision/recall (k = 3) on the raw pixels, against real frames drawn from the data set (no classifier exists
   * for them; KID rather than a Fréchet distance because the pixels' covariance is singular: the padding and many
   * game pixels never change).
   */
  static final String[] PIXEL_EVAL = {"step", "pixel_kid", "pixel_kid_std", "precision", "recall"};
  /** Sample grids show the first this many fixed-noise samples, ten per row. */
  static final int GRID = 100;
  /** The seed of the interpolation picture's endpoints (fixed: the same picture at every run of a scenario). */
  static final long INTERPOLATION_SEED = 2334;

  private GanRun() {}

  /**
   * Trains; with {@code render} a renderer thread shows (or records) the samples on the fixed noise over the real
   * data and the discriminator's decision surface at every {@code log_every} steps (renderer's GanSnapshots, no
   * gradients and its own generator: the numbers are the same without it).
   */
  static boolean run(GanScenario s, RunFolder folder, Progress progress, Path resume, LiveRender.Settings render,
      java.io.PrintStream err) throws Exception {
    long t0 = System.nanoTime();
    RealData data;
    ImageEvaluator evaluator = null;
    if (s.data() instanceof GanDataSpec.MnistData md) {
      Mnist.Split train = md.load(Mnist.Part.TRAIN);
      data = new MnistImages(train);
      Path cache = MnistClassifier.cacheFileFor(md.datasetName(), train, md.classifierEpochs(), 0);
      if (!Files.isRegularFile(cache)) {
        progress.line("training the metrics' classifier on " + md.datasetName() + " (" + md.classifierEpochs()
            + " epochs, once per machine; cached at " + cache + ")");
      }
      MnistClassifier classifier = MnistClassifier.loadOrTrain(cache, train, md.classifierEpochs(), 0);
      evaluator = new ImageEvaluator(classifier, md.load(Mnist.Part.TEST));
    } else {
      data = s.data().data();
    }
    GanTrainer trainer = new GanTrainer(s.config(), s.networks().architecture(), data);
    boolean images = data.shape().length == 3;
    boolean conditional = trainer.config().conditionClasses() > 0;
    PixelReference pixels = evaluator == null && images ? PixelReference.of(data, s.gan().evalSamples(),
        s.gan().evalNoiseSeed() + 1) : null;
    String[] evalColumns = evaluator != null ? imageColumns(conditional) : pixels != null ? PIXEL_EVAL
        : data instanceof GaussianMixture ? EVAL : new String[] {"step"};
    GanScenario.Budget b = s.train();
    long ckEvery = b.checkpointEvery() == 0 ? 0 : (b.checkpointEvery() + b.logEvery() - 1) / b.logEvery() * b.logEvery();
    Path ck = folder.checkpoints();
    Path rows = ck.resolve("rows.jsonl");
    Path checkpoint = ck.resolve("checkpoint");
    if (resume != null && Files.exists(checkpoint.resolve("trainer.json"))) {
      trainer.load(checkpoint);
      JsonNode meta = Json.mapper().readTree(checkpoint.resolve("rows.json").toFile());
      try (FileChannel c = FileChannel.open(rows, StandardOpenOption.WRITE)) {
        c.truncate(meta.get("rows_bytes").asLong());
      }
      progress.line("resuming from " + checkpoint + " at step " + trainer.stepCount());
      progress.resumedAt(trainer.stepCount());
    } else {
      Files.write(rows, new byte[0]);
    }
    GaussianMixture mixture = data instanceof GaussianMixture g ? g : null;
    double[] sums = new double[MEANS];
    long[] count = {0};
    AtomicReference<Map<String, Object>> last = new AtomicReference<>();
    ImageEvaluator ev = evaluator;
    try (OutputStream out = Files.newOutputStream(rows, StandardOpenOption.APPEND)) {
      trainer.addListener((t, m) -> {
        try {
          double[] v = {m.discriminatorLoss(), m.penalty(), m.generatorLoss(), m.realScore(), m.fakeScore()};
          for (int i = 0; i < v.length; i++) {
            sums[i] += v[i];
          }
          count[0]++;
          long step = m.step();
          if (step % b.logEvery() == 0 || step == b.steps()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event", "train");
            row.put("step", step);
            for (int i = 0; i < sums.length; i++) {
              row.put(METRICS[i + 1], sums[i] / count[0]);
            }
            row.put("lr_g", m.generatorLr());
            row.put("lr_d", m.discriminatorLr());
            write(out, row);
            progress.step(s.name(), step, b.steps(), String.format(Locale.ROOT, "L_D %.4g  L_G %.4g",
                sums[0] / count[0], sums[2] / count[0]), last.get() == null ? "" : headline(last.get()), false);
            Arrays.fill(sums, 0);
            count[0] = 0;
          }
          if ((b.evalEvery() > 0 && step % b.evalEvery() == 0) || step == b.steps()) {
            Map<String, Object> row = evaluate(t, mixture, ev, pixels, images ? folder : null, step);
            if (row != null) {
              write(out, row);
              last.set(row);
            }
          }
          if (ckEvery > 0 && step % ckEvery == 0 && step < b.steps()) {
            out.flush();
            long rowsBytes = Files.size(rows);
            Checkpoints.saveAtomically(t, ck.resolve("checkpoint"), dir -> Files.writeString(dir.resolve("rows.json"),
                Json.write(Map.of("rows_bytes", rowsBytes))));
          }
          return Double.isFinite(m.discriminatorLoss()) && Double.isFinite(m.generatorLoss());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      StepMetrics end;
      try (org.rlgan.render.gan.GanLiveView view = render == null ? null : LiveRender.ganView(render,
          "rlgan run: " + s.name(), err)) {
        if (view != null) {
          trainer.addListener(new org.rlgan.render.gan.GanSnapshots(data, (int) Math.min(b.logEvery(), 1000), 64,
              1000, view.sink()));
        }
        end = trainer.train(b.steps() - trainer.stepCount());
      }
      if (end != null && !(Double.isFinite(end.discriminatorLoss()) && Double.isFinite(end.generatorLoss()))) {
        progress.line("stopped at step " + end.step() + ": a loss is not finite (" + end.toJson() + "); lower the "
            + "learning rates or add a penalty");
      }
    }
    Csv metrics = new Csv(folder.file("metrics.csv"), METRICS);
    Csv eval = new Csv(folder.file("eval.csv"), evalColumns);
    Map<String, Object> lastEval = null;
    for (String line : Files.readAllLines(rows)) {
      JsonNode r = Json.mapper().readTree(line);
      if (r.path("event").asText().equals("train")) {
        Object[] vals = new Object[METRICS.length];
        vals[0] = r.get("step").asLong();
        for (int i = 1; i < METRICS.length; i++) {
          vals[i] = num(r, METRICS[i]);
        }
        metrics.row(vals);
      } else {
        Object[] vals = new Object[evalColumns.length];
        vals[0] = r.get("step").asLong();
        lastEval = new LinkedHashMap<>();
        for (int i = 1; i < evalColumns.length; i++) {
          vals[i] = num(r, evalColumns[i]);
          lastEval.put(evalColumns[i], vals[i]);
        }
        eval.row(vals);
      }
    }
    metrics.flush();
    eval.flush();
    plots(s, folder, metrics, eval);
    if (images) {
      INDArray x = trainer.sampleFixed();
      grid(x, folder.plots().resolve("samples.png"));
      LatentInterpolation.write(trainer, 10, 10, INTERPOLATION_SEED, scale(x), folder.plots().resolve(
          "interpolation.png"));
    } else {
      double[][] samples = trainer.sampleFixedRows();
      writeSamples(folder.file("samples.csv"), samples);
      if (samples.length > 0 && samples[0].length == 2) {
        pictures2d(s, folder, trainer, samples, data);
      }
    }
    trainer.save(ck.resolve("final"));

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("scenario", s.name());
    summary.put("kind", s.kind());
    summary.put("seed", s.seed());
    summary.put("status", "complete");
    summary.put("env_steps", trainer.stepCount()); // generator updates: a GAN run's unit of progress
    summary.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
    double[] dl = metrics.column("d_loss");
    double[] gl = metrics.column("g_loss");
    summary.put("final_d_loss", dl.length == 0 ? Double.NaN : dl[dl.length - 1]);
    summary.put("final_g_loss", gl.length == 0 ? Double.NaN : gl[gl.length - 1]);
    if (lastEval != null && mixture != null) {
      summary.put("modes", (int) (double) (Double) lastEval.get("modes"));
      summary.put("modes_total", mixture.modes());
      summary.put("high_quality", lastEval.get("high_quality"));
      summary.put("reverse_kl", lastEval.get("reverse_kl"));
    } else if (lastEval != null) {
      summary.putAll(lastEval);
    }
    AtomicFiles.write(folder.file("summary.json"), Json.write(summary));
    return true;
  }

  /**
   * One evaluation on the fixed noise: mode metrics on Gaussian mixtures, image metrics with an evaluator, and for
   * images (when {@code gridFolder} is given) the sample grid {@code plots/samples-stepSTEP.png}. Returns the eval.csv
   * row as a history line, or null when the data have no metrics.
   */
  private static Map<String, Object> evaluate(GanTrainer t, GaussianMixture mixture, ImageEvaluator evaluator,
      PixelReference pixels, RunFolder gridFolder, long step) throws IOException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("event", "eval");
    row.put("step", step);
    if (mixture != null) {
      ModeMetrics.Report r = ModeMetrics.evaluate(t.sampleFixedRows(), mixture);
      row.put("modes", r.modesCovered());
      row.put("high_quality", r.highQualityFraction());
      row.put("reverse_kl", r.reverseKl());
      return row;
    }
    if (gridFolder == null) {
      return null;
    }
    INDArray x = t.sampleFixed();
    grid(x, gridFolder.plots().resolve(String.format(Locale.ROOT, "samples-step%06d.png", step)));
    if (pixels != null) {
      double[][] g = PixelReference.rows(x);
      ImageMetrics.PrecisionRecall pr = ImageMetrics.precisionRecall(pixels.rows(), g, 3);
      ImageMetrics.MeanStd kid = ImageMetrics.kernelDistance(pixels.rows(), g, 10, 1000, new java.util.SplittableRandom(0));
      row.put("pixel_kid", kid.mean());
      row.put("pixel_kid_std", kid.std());
      row.put("precision", pr.precision());
      row.put("recall", pr.recall());
      return row;
    }
    if (evaluator == null) {
      return null;
    }
    ImageEvaluator.Scores sc = evaluator.evaluate(MnistClassifier.fromTanh(x), t.evalLabels());
    row.put("fid", sc.fid());
    row.put("kid", sc.kid().mean());
    row.put("kid_std", sc.kid().std());
    row.put("score", sc.score().mean());
    row.put("score_std", sc.score().std());
    row.put("precision", sc.precisionRecall().precision());
    row.put("recall", sc.precisionRecall().recall());
    if (t.config().conditionClasses() > 0) {
      row.put("class_accuracy", sc.classAccuracy());
    }
    return row;
  }

  /**
   * Real images as flat pixel rows for the pixel-space metrics: {@code n} images drawn with
   * replacement from the data set by a generator seeded with {@code seed} (the training set itself: environment
   * frames have no held-out part).
   */
  record PixelReference(double[][] rows) {
    static PixelReference of(RealData data, int n, long seed) {
      return new PixelReference(rows(data.sample(n, new SplitMix64(seed), DataType.DOUBLE)));
    }

    static double[][] rows(INDArray images) {
      long n = images.size(0);
      return images.reshape(n, images.length() / n).castTo(DataType.DOUBLE).toDoubleMatrix();
    }
  }

  private static String[] imageColumns(boolean conditional) {
    if (!conditional) {
      return IMAGE_EVAL;
    }
    String[] c = java.util.Arrays.copyOf(IMAGE_EVAL, IMAGE_EVAL.length + 1);
    c[IMAGE_EVAL.length] = "class_accuracy";
    return c;
  }

  /** The progress line's note on the last evaluation. */
  private static String headline(Map<String, Object> row) {
    if (row.containsKey("modes")) {
      return "modes " + row.get("modes");
    }
    if (row.containsKey("pixel_kid")) {
      return String.format(Locale.ROOT, "pixel KID %.4g", ((Number) row.get("pixel_kid")).doubleValue());
    }
    return String.format(Locale.ROOT, "FID %.4g", ((Number) row.get("fid")).doubleValue())
        + (row.containsKey("class_accuracy") ? String.format(Locale.ROOT, "  class %.3f",
            ((Number) row.get("class_accuracy")).doubleValue()) : "");
  }

  /** The first {@link #GRID} samples of a tanh generator, ten per row, as a PNG. */
  private static void grid(INDArray x, Path png) throws IOException {
    INDArray first = x.get(NDArrayIndex.interval(0, Math.min(GRID, x.size(0))));
    ImageGrid.writeAnyChannels(first, 10, -1, 1, scale(x), png);
  }

  /** Pixels per sample pixel: about 56 pixels a side per sample (2 for MNIST's 28, 4 for MinAtar's 12). */
  private static int scale(INDArray x) {
    return (int) Math.max(1, Math.round(56.0 / x.size(2)));
  }

  private static void write(OutputStream out, Map<String, Object> row) throws IOException {
    out.write((Json.compact(row) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static double num(JsonNode r, String key) {
    JsonNode v = r.get(key);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static void writeSamples(Path file, double[][] samples) {
    StringBuilder sb = new StringBuilder();
    int d = samples.length == 0 ? 0 : samples[0].length;
    for (int j = 0; j < d; j++) {
      sb.append(j == 0 ? "" : ",").append("x").append(j);
    }
    sb.append('\n');
    for (double[] row : samples) {
      for (int j = 0; j < d; j++) {
        sb.append(j == 0 ? "" : ",").append(row[j]);
      }
      sb.append('\n');
    }
    AtomicFiles.write(file, sb.toString());
  }

  /** Losses and scores, and the eval.csv metrics over training (modes, or classifier-FID and the class accuracy). */
  private static void plots(GanScenario s, RunFolder folder, Csv metrics, Csv eval) {
    double[] step = metrics.column("step");
    Map<String, double[][]> losses = new LinkedHashMap<>();
    losses.put("L_D", new double[][] {step, metrics.column("d_loss")});
    losses.put("L_G", new double[][] {step, metrics.column("g_loss")});
    Plots.lines(folder.plots().resolve("losses.png"), s.name() + ": losses (means per log interval)",
        "generator updates", "loss", losses, false);
    Map<String, double[][]> scores = new LinkedHashMap<>();
    scores.put("mean D(x)", new double[][] {step, metrics.column("d_real")});
    scores.put("mean D(G(z))", new double[][] {step, metrics.column("d_fake")});
    Plots.lines(folder.plots().resolve("scores.png"), s.name() + ": discriminator outputs", "generator updates",
        "D", scores, false);
    if (eval.size() > 0 && eval.columns().contains("modes")) {
      Plots.lines(folder.plots().resolve("modes.png"), s.name() + ": modes covered (PacGAN's rule)",
          "generator updates", "modes", Map.of("modes", new double[][] {eval.column("step"), eval.column("modes")}),
          true);
    }
    if (eval.size() > 0 && eval.columns().contains("fid")) {
      Plots.lines(folder.plots().resolve("fid.png"), s.name() + ": classifier-FID on the fixed noise (not Inception)",
          "generator updates", "classifier-FID", Map.of("FID", new double[][] {eval.column("step"),
              eval.column("fid")}), true);
    }
    if (eval.size() > 0 && eval.columns().contains("class_accuracy")) {
      Plots.lines(folder.plots().resolve("class_accuracy.png"), s.name() + ": samples classified as requested",
          "generator updates", "fraction", Map.of("requested class", new double[][] {eval.column("step"),
              eval.column("class_accuracy")}), true);
    }
  }

  /**
   * 2-D data: the final fixed-noise samples over real data ({@code samples.png}), and the same over the
   * discriminator's decision surface ({@code decision.png}, gan-lab's {@link DecisionSurface}).
   */
  private static void pictures2d(GanScenario s, RunFolder folder, GanTrainer trainer, double[][] samples,
      RealData data) throws IOException {
    INDArray real = data.sample(samples.length, new SplitMix64(s.gan().evalNoiseSeed() + 1), DataType.DOUBLE);
    Map<String, double[][]> pts = new LinkedHashMap<>();
    pts.put("generated (fixed noise)", new double[][] {column(samples, 0), column(samples, 1)});
    pts.put("real", new double[][] {real.getColumn(0).toDoubleVector(), real.getColumn(1).toDoubleVector()});
    Plots.lines(folder.plots().resolve("samples.png"), s.name() + ": samples at step " + trainer.stepCount(),
        "x1", "x2", pts, true);
    double[][] realRows = real.toDoubleMatrix();
    if (trainer.config().conditionClasses() == 0) {
      DecisionSurface.Surface surface = DecisionSurface.evaluate(trainer, DecisionSurface.bounds(realRows), 200);
      DecisionSurface.write(folder.plots().resolve("decision.png"), surface, realRows, samples,
          s.name() + ", step " + trainer.stepCount(), 600);
    }
  }

  private static double[] column(double[][] rows, int j) {
    double[] c = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      c[i] = rows[i][j];
    }
    return c;
  }
}
