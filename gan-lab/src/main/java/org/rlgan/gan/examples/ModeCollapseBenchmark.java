package org.rlgan.gan.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.metrics.ModeMetrics;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.train.GanArchitecture;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.nets.optim.Adam;

/**
 * PacGAN's Table 1 protocol (Lin et al. 2018, Sec. 5.1; code {@code synthetic_data_experiments/2D*_GAN&PacGAN}):
 * GAN and PacGAN2/3/4 on the 2-D ring (8 modes, radius 1, σ = 0.01) and grid (25 modes, σ = 0.05), several seeds,
 * their architecture ({@link Mlp2d#pacgan()}: G 4 × 400 with batch normalisation, D 3 × maxout 200 × 5), Adam
 * 1e-4 with β₁ = 0.8, batches of 100 packed examples, simultaneous updates of both players (their
 * {@code ali_algorithm}), their generator loss (non-saturating), z ~ N(0, I₂), and their evaluation: 2,500 samples
 * from fixed noise, high quality within 3σ, modes covered, reverse KL ({@link ModeMetrics}). Their budget is
 * 400 epochs of 100,000 examples, i.e. 400,000 updates; data here is drawn fresh for every batch (the same
 * distribution as their fixed 100,000-example set, reshuffled each epoch).
 *
 * <p>Arguments ({@code --name value}): {@code --datasets ring,grid}, {@code --packs 1,2,3,4}, {@code --seeds 10}
 * (seeds 0 … n − 1), {@code --steps 400000}, {@code --batch 100}, {@code --arch pacgan|small}
 * ({@code small}: G 4 × 128, D 3 × maxout 64 × 5), {@code --update simultaneous|alternating}, {@code --out DIR}
 * (one JSON line per run appended to {@code DIR/runs.jsonl}). Prints every run and then the table beside the paper's.
 */
public final class ModeCollapseBenchmark {
  private ModeCollapseBenchmark() {}

  public static void main(String[] args) throws IOException {
    CliArgs a;
    try {
      a = CliArgs.parse("ModeCollapseBenchmark", args, Set.of("datasets", "packs", "seeds", "steps", "batch", "arch",
          "update", "out"));
    } catch (CliArgs.UsageException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<String> datasets = List.of(a.string("datasets", "ring,grid").split(","));
    List<Integer> packs = new ArrayList<>();
    for (String p : a.string("packs", "1,2,3,4").split(",")) {
      packs.add(Integer.parseInt(p));
    }
    int seeds = Integer.parseInt(a.string("seeds", "10"));
    long steps = Long.parseLong(a.string("steps", "400000"));
    int batch = Integer.parseInt(a.string("batch", "100"));
    String arch = a.string("arch", "pacgan");
    GanConfig.Update update = GanConfig.Update.valueOf(a.string("update", "simultaneous").toUpperCase(Locale.ROOT));
    Path out = a.has("out") ? Path.of(a.string("out", null)) : null;
    if (out != null) {
      Files.createDirectories(out);
      // The resolved settings beside the results, so the run can be repeated from its own folder.
      Files.writeString(out.resolve("arguments.txt"), String.join(" ", args) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    GanArchitecture architecture = architecture(arch);
    System.out.printf(Locale.ROOT, "# PacGAN Table 1 protocol: %s, packs %s, %d seeds, %d steps, batch %d, arch %s, %s%n",
        datasets, packs, seeds, steps, batch, arch, update);

    Map<String, List<ModeMetrics.Report>> results = new LinkedHashMap<>();
    for (String ds : datasets) {
      GaussianMixture data = data(ds);
      for (int pack : packs) {
        List<ModeMetrics.Report> reports = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
          GanConfig c = config(pack, seed, batch, update);
          GanTrainer t = new GanTrainer(c, architecture, data);
          if (out != null && seed == 0) {
            Files.writeString(out.resolve("configs.txt"), ds + " pack " + pack + ": " + c + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          }
          long t0 = System.nanoTime();
          t.train(steps);
          double secs = (System.nanoTime() - t0) / 1e9;
          ModeMetrics.Report r = ModeMetrics.evaluate(t.sampleFixedRows(), data);
          reports.add(r);
          String line = String.format(Locale.ROOT,
              "{\"dataset\":\"%s\",\"pack\":%d,\"seed\":%d,\"steps\":%d,\"modes\":%d,\"high_quality\":%.4f,"
                  + "\"reverse_kl\":%.5f,\"hq_per_mode\":%s,\"seconds\":%.1f}",
              ds, pack, seed, steps, r.modesCovered(), r.highQualityFraction(), r.reverseKl(),
              java.util.Arrays.toString(r.hqPerMode()), secs);
          System.out.println(line);
          if (out != null) {
            Files.writeString(out.resolve("runs.jsonl"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
          }
        }
        results.put(ds + "/" + pack, reports);
      }
    }
    System.out.println();
    System.out.println(table(results, seeds, steps));
  }

  /** The networks of {@code --arch}: {@code pacgan} (the paper's) or {@code small} (G 4 × 128, D 3 × maxout 64 × 5). */
  public static GanArchitecture architecture(String arch) {
    return switch (arch) {
      case "pacgan" -> Mlp2d.pacgan();
      case "small" -> Mlp2d.pacgan(128, 4, 64, 3, 5);
      default -> throw new IllegalArgumentException("--arch = '" + arch + "': valid are pacgan, small");
    };
  }

  /** The mixture of a {@code --datasets} entry: {@code ring}, {@code grid} (PacGAN's) or {@code veegan_ring}. */
  public static GaussianMixture data(String ds) {
    return switch (ds) {
      case "ring" -> GaussianMixture.pacganRing();
      case "grid" -> GaussianMixture.pacganGrid();
      case "veegan_ring" -> GaussianMixture.veeganRing();
      default -> throw new IllegalArgumentException("--datasets: '" + ds + "': valid are ring, grid, veegan_ring");
    };
  }

  /**
   * The configuration of one run of the protocol (scenarios/examples/pacgan-table1.yaml resolves to the same, which
   * the acceptance tests check): the non-saturating loss, Adam 1e-4 with β₁ = 0.8 for both players, {@code batch}
   * packed examples, z ~ N(0, I₂), the fixed evaluation noise of seed 2333 and PacGAN's 2,500 evaluation samples.
   */
  public static GanConfig config(int pack, long seed, int batch, GanConfig.Update update) {
    return GanConfig.builder()
        .loss(new GanLoss.NonSaturating())
        .update(update)
        .generatorOptimizer(new Adam.Config(1e-4, 0.8, 0.999, 1e-8, 0, false))
        .discriminatorOptimizer(new Adam.Config(1e-4, 0.8, 0.999, 1e-8, 0, false))
        .batchSize(batch).noiseDim(2).pack(pack).seed(seed)
        .evalNoiseSeed(2333).evalSamples(ModeMetrics.PACGAN_SAMPLES).build();
  }

  /** Ours (mean ± standard error over seeds) beside the paper's ({@link PacganTable1}). */
  static String table(Map<String, List<ModeMetrics.Report>> results, int seeds, long steps) {
    StringBuilder sb = new StringBuilder();
    PacganTable1.Table paper = PacganTable1.load();
    sb.append(String.format(Locale.ROOT, "| data | method | ours: modes | ours: high quality | ours: reverse KL | PacGAN paper: modes | paper: high quality |%n"));
    sb.append("|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<ModeMetrics.Report>> e : results.entrySet()) {
      String[] k = e.getKey().split("/");
      int pack = Integer.parseInt(k[1]);
      double[] modes = e.getValue().stream().mapToDouble(ModeMetrics.Report::modesCovered).toArray();
      double[] hq = e.getValue().stream().mapToDouble(r -> 100 * r.highQualityFraction()).toArray();
      double[] kl = e.getValue().stream().mapToDouble(ModeMetrics.Report::reverseKl).toArray();
      PacganTable1.Row p = paper.row(k[0], pack);
      Double pModes = p == null ? null : p.values().get("modes");
      Double pSe = p == null ? null : p.values().get("modes_se");
      Double pHq = p == null ? null : p.values().get("high_quality");
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s%% | %s | %s | %s |%n", k[0],
          pack == 1 ? "GAN" : "PacGAN" + pack, pm(modes, 1), pm(hq, 1), pm(kl, 2),
          pModes == null ? "(not transcribed)" : String.format(Locale.ROOT, "%.1f ± %.1f", pModes, pSe),
          pHq == null ? "(not transcribed)" : String.format(Locale.ROOT, "%.1f%%", 100 * pHq)));
    }
    sb.append(String.format(Locale.ROOT, "%nPaper: %s.%n", paper.source()));
    sb.append(String.format(Locale.ROOT, "Ours: %d seeds, %,d steps each; mean ± standard error over seeds.%n", seeds, steps));
    return sb.toString();
  }

  private static String pm(double[] v, int digits) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    double se = v.length > 1 ? Math.sqrt(s / (v.length - 1) / v.length) : Double.NaN;
    String f = "%." + digits + "f";
    return String.format(Locale.ROOT, f + " ± " + f, m, se);
  }

}
