package org.rlgan.scenarios.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.gan.SplitMix64;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.data.RealData;
import org.rlgan.gan.metrics.ModeMetrics;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.gan.train.StepMetrics;
import org.rlgan.scenarios.plot.Plots;
import org.rlgan.scenarios.spec.GanScenario;

/**
 * {@code kind: gan}: trains gan-lab's {@link GanTrainer} and writes metrics.csv (means of the losses and scores over
 * each log interval), eval.csv (PacGAN's mode metrics on the fixed noise, for Gaussian mixtures), samples.csv and
 * the plots, and checkpoints for an exact {@code --resume}.
 *
 * <p>The run's history is {@code checkpoints/rows.jsonl} (one line per table row); a checkpoint records its length,
 * a resume truncates it there, so a resumed run's tables equal an uninterrupted run's. Checkpoints fall on log
 * boundaries, where the interval's sums are empty.
 */
final class GanRun {

  static final String[] METRICS = {"step", "d_loss", "penalty", "g_loss", "d_real", "d_fake"};
  static final String[] EVAL = {"step", "modes", "high_quality", "reverse_kl"};

  private GanRun() {}

  /**
   * Trains; with {@code render} a renderer thread shows (or records) the samples on the fixed noise over the real
   * data and the discriminator's decision surface at every {@code log_every} steps (renderer's GanSnapshots, no
   * gradients and its own generator: the numbers are the same without it).
   */
  static boolean run(GanScenario s, RunFolder folder, Progress progress, Path resume, LiveRender.Settings render,
      java.io.PrintStream err) throws Exception {
    long t0 = System.nanoTime();
    RealData data = s.data().data();
    GanTrainer trainer = new GanTrainer(s.config(), s.networks().architecture(), data);
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
    } else {
      Files.write(rows, new byte[0]);
    }
    GaussianMixture mixture = data instanceof GaussianMixture g ? g : null;
    double[] sums = new double[METRICS.length - 1];
    long[] count = {0};
    ModeMetrics.Report[] last = {null};
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
            write(out, row);
            progress.step(s.name(), step, b.steps(), String.format(Locale.ROOT, "L_D %.4g  L_G %.4g",
                sums[0] / count[0], sums[2] / count[0]), last[0] == null ? "" : "modes " + last[0].modesCovered(),
                false);
            Arrays.fill(sums, 0);
            count[0] = 0;
          }
          if ((b.evalEvery() > 0 && step % b.evalEvery() == 0) || step == b.steps()) {
            last[0] = evaluate(t, mixture, out, step);
          }
          if (ckEvery > 0 && step % ckEvery == 0 && step < b.steps()) {
            out.flush();
            checkpoint(t, ck, Files.size(rows));
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
    Csv eval = new Csv(folder.file("eval.csv"), EVAL);
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
        eval.row(r.get("step").asLong(), num(r, "modes"), num(r, "high_quality"), num(r, "reverse_kl"));
      }
    }
    metrics.flush();
    eval.flush();
    double[][] samples = trainer.sampleFixedRows();
    writeSamples(folder.file("samples.csv"), samples);
    plots(s, folder, metrics, eval, samples, data);
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
    if (last[0] != null) {
      summary.put("modes", last[0].modesCovered());
      summary.put("modes_total", mixture.modes());
      summary.put("high_quality", last[0].highQualityFraction());
      summary.put("reverse_kl", last[0].reverseKl());
    }
    AtomicFiles.write(folder.file("summary.json"), Json.write(summary));
    return true;
  }

  /** Mode metrics on the fixed noise (Gaussian mixtures only); returns them, or null for other data. */
  private static ModeMetrics.Report evaluate(GanTrainer t, GaussianMixture mixture, OutputStream out, long step)
      throws IOException {
    if (mixture == null) {
      return null;
    }
    ModeMetrics.Report r = ModeMetrics.evaluate(t.sampleFixedRows(), mixture);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("event", "eval");
    row.put("step", step);
    row.put("modes", r.modesCovered());
    row.put("high_quality", r.highQualityFraction());
    row.put("reverse_kl", r.reverseKl());
    write(out, row);
    return r;
  }

  private static void write(OutputStream out, Map<String, Object> row) throws IOException {
    out.write((Json.compact(row) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static double num(JsonNode r, String key) {
    JsonNode v = r.get(key);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  /** Rebuilds {@code checkpoint/} in {@code checkpoint.tmp/} and renames it into place. */
  private static void checkpoint(GanTrainer t, Path ck, long rowsBytes) throws IOException {
    Path tmp = ck.resolve("checkpoint.tmp");
    Path dst = ck.resolve("checkpoint");
    Path old = ck.resolve("checkpoint.old");
    deleteTree(tmp);
    t.save(tmp);
    Files.writeString(tmp.resolve("rows.json"), Json.write(Map.of("rows_bytes", rowsBytes)));
    deleteTree(old);
    if (Files.exists(dst)) {
      Files.move(dst, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
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

  /** Losses and scores, modes over training, and (2-D data) the final samples over real data. */
  private static void plots(GanScenario s, RunFolder folder, Csv metrics, Csv eval, double[][] samples,
      RealData data) {
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
    if (eval.size() > 0) {
      Plots.lines(folder.plots().resolve("modes.png"), s.name() + ": modes covered (PacGAN's rule)",
          "generator updates", "modes", Map.of("modes", new double[][] {eval.column("step"), eval.column("modes")}),
          true);
    }
    if (samples.length > 0 && samples[0].length == 2) {
      INDArray real = data.sample(samples.length, new SplitMix64(s.gan().evalNoiseSeed() + 1), DataType.DOUBLE);
      Map<String, double[][]> pts = new LinkedHashMap<>();
      pts.put("generated (fixed noise)", new double[][] {column(samples, 0), column(samples, 1)});
      pts.put("real", new double[][] {real.getColumn(0).toDoubleVector(), real.getColumn(1).toDoubleVector()});
      Plots.lines(folder.plots().resolve("samples.png"), s.name() + ": samples at step " + s.train().steps(),
          "x1", "x2", pts, true);
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
