package org.rlgan.scenarios.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.report.Report;
import org.rlgan.scenarios.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench report DIR...}: the statistics of one run, a sweep, or several compared (see {@link Report}). */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Compare runs: per configuration the mean, std, 95%% bootstrap CI, IQM with stratified bootstrap CI "
        + "(Agarwal et al. 2021), the probability of improvement between configurations, aggregate learning curves "
        + "and performance profiles; a table here, CSV and PNG files in the report folder.",
        "DIR is a run folder, a sweep folder, or a folder of them (e.g. runs/taxi-qlearning)."})
final class ReportCommand extends Workbench.Sub implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", arity = "1..*", description = "run folders, sweep folders, or folders of them")
  List<Path> dirs;

  @Option(names = "--metric", paramLabel = "KEY[,KEY...]", split = ",", description = "the summary.json number(s) "
      + "each run is scored by; several give one table each, e.g. modes,high_quality,reverse_kl (default: by the "
      + "runs' kind: final_eval_return_mean for agents, modes,high_quality,reverse_kl for GANs on Gaussian "
      + "mixtures, fid for image GANs, pixel_kid for environment frames)")
  List<String> metrics;

  @Option(names = "--out", paramLabel = "DIR", description = "where the CSV and PNG files go (default: DIR/report "
      + "for one DIR, reports/<date-time> for several)")
  Path out;

  @Option(names = "--reps", paramLabel = "N", description = "bootstrap replicates (default: ${DEFAULT-VALUE})")
  int reps = 10_000;

  @Option(names = "--seed", paramLabel = "N", description = "the resampling seed (default: ${DEFAULT-VALUE})")
  long seed = 0;

  @Override
  public Integer call() throws Exception {
    if (reps < 100) {
      throw new BadInputException(Loc.of("--reps " + reps), "", "give at least 100 bootstrap replicates");
    }
    if (metrics == null) {
      metrics = Report.defaultMetrics(dirs);
    }
    if (new LinkedHashSet<>(metrics).size() != metrics.size()) {
      throw new BadInputException(Loc.of("--metric " + String.join(",", metrics)), "", "names a metric twice; "
          + "give each once");
    }
    List<Report.Result> results = new ArrayList<>();
    for (String metric : metrics) {
      results.add(Report.compute(Report.load(dirs, metric), metric, 0.95, reps, seed));
    }
    root.out.print(Report.tables(results));
    Path dir = out != null ? out : dirs.size() == 1 ? dirs.get(0).resolve("report")
        : RunFolder.unique(Path.of("reports"), RunFolder.stamp());
    Report.write(results, dir);
    boolean ref = results.stream().anyMatch(Report.Result::hasReference);
    root.err.println("report: " + dir + (results.size() == 1 ? " (scores.csv, " : " (scores.csv of all metrics, "
        + "a folder per metric with ") + (ref ? "reference.csv, " : "") + "improvement.csv, curves.csv, "
        + "profiles.csv, *.png)");
    return Workbench.OK;
  }
}
