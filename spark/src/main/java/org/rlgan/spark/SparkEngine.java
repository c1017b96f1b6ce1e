package org.rlgan.spark;

import java.io.PrintStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.rlgan.scenarios.sweep.SweepEngine;
import org.rlgan.scenarios.sweep.Trial;
import org.rlgan.scenarios.sweep.TrialResult;

/**
 * Runs the trials of a sweep as Apache Spark tasks: one trial per task, one task per executor core
 * ({@code spark.task.cpus=1}), each calling the workbench's {@link org.rlgan.scenarios.sweep.TrialExecutor} inside the
 * executor and writing its run folder through a {@link TrialStorage}; the driver (this object, in the process of
 * {@code workbench sweep}) hears each trial's start and end and passes them to the manifest.
 *
 * <p>Each trial is its own Spark job over a one-partition RDD of that trial (so the sweep is as many partitions as
 * trials), all submitted at once and scheduled first in, first out. One job per trial rather than one job over all
 * partitions, because Spark aborts a whole job when one of its tasks exhausts {@code spark.task.maxFailures}: here
 * that sinks only the trial whose task kept failing, which is recorded as failed with Spark's error, while the others
 * complete; and each result reaches the manifest as soon as its trial ends rather than when the last one does.
 *
 * <p>Failures: a trial that fails by itself (an exception in the agent, a solver that does not converge) is a
 * finished task with a {@code FAILED} result, never retried: rerunning the same deterministic trial would fail the
 * same way. A task that dies with its executor or cannot write its folder is retried by Spark up to
 * {@code spark.task.maxFailures} times (default 4 on a cluster; with {@code local[N]} there are no retries unless the
 * master is {@code local[N,F]}); every attempt counts in the manifest's {@code attempts}.
 *
 * <p>Same trial, same numbers as the local engine: the trial's numbers depend only on its {@link Trial}, and native
 * code runs one thread per task ({@code spark.executorEnv.OMP_NUM_THREADS=1} unless set).
 */
public final class SparkEngine implements SweepEngine {

  /** The job property that names the trial of a job, so the listener can tell task starts apart. */
  static final String TRIAL_PROPERTY = "rlgan.trial";

  /** What a task does with its trial; the default runs it into the storage, tests wrap it. */
  @FunctionalInterface
  interface TrialTask extends Serializable {
    TrialResult run(Trial trial, TrialStorage storage) throws Exception;
  }

  private final JavaSparkContext shared;
  private final SparkConf conf;
  private final String outputUri;
  private final PrintStream err;
  private final TrialTask task;

  private SparkEngine(JavaSparkContext shared, SparkConf conf, String outputUri, PrintStream err, TrialTask task) {
    this.shared = shared;
    this.conf = conf;
    this.outputUri = outputUri;
    this.err = err;
    this.task = task;
  }

  /**
   * An engine on a context the caller owns (and stops): several sweeps can share one context.
   *
   * @param outputUri a Hadoop-compatible URI for the trial folders, or null for the sweep folder itself
   */
  public SparkEngine(JavaSparkContext sc, String outputUri, PrintStream err) {
    this(sc, null, outputUri, err, (t, s) -> s.run(t));
  }

  /** An engine that starts a context from {@code conf} for each {@link #run} and stops it afterwards. */
  public static SparkEngine owning(SparkConf conf, String outputUri, PrintStream err) {
    return new SparkEngine(null, conf.clone(), outputUri, err, (t, s) -> s.run(t));
  }

  /** The same engine with another task body (tests: a task that fails the way a lost executor does). */
  SparkEngine withTask(TrialTask other) {
    return new SparkEngine(shared, conf, outputUri, err, other);
  }

  @Override
  public String describe() {
    SparkConf c = shared != null ? shared.getConf() : conf;
    return "spark, master " + c.get("spark.master", "(none)")
        + (outputUri != null ? ", trial folders under " + outputUri : "");
  }

  @Override
  public void run(List<Trial> trials, Path outputRoot, Listener listener) throws InterruptedException {
    if (trials.isEmpty()) {
      return;
    }
    JavaSparkContext sc = shared != null ? shared : new JavaSparkContext(conf);
    try {
      runOn(sc, trials, storage(sc, outputRoot), listener);
    } finally {
      if (shared == null) {
        sc.stop();
      }
    }
  }

  /**
   * Trial folders go to {@code outputRoot} itself, or with an output URI to {@code <uri>/<sweep>/<sweep folder>/}
   * (the last two names of the sweep folder), so two sweeps never share a remote folder.
   */
  private TrialStorage storage(JavaSparkContext sc, Path outputRoot) {
    if (outputUri == null) {
      return TrialStorage.local(outputRoot);
    }
    Path abs = outputRoot.toAbsolutePath();
    String base = outputUri.endsWith("/") ? outputUri : outputUri + "/";
    URI root = URI.create(base + abs.getParent().getFileName() + "/" + abs.getFileName());
    err.println("trial folders: " + root);
    return TrialStorage.hadoop(root, sc.hadoopConfiguration());
  }

  private void runOn(JavaSparkContext sc, List<Trial> trials, TrialStorage storage, Listener listener)
      throws InterruptedException {
    String group = "rlgan-sweep-" + UUID.randomUUID();
    Tracker tracker = new Tracker(group, trials, listener);
    sc.sc().addSparkListener(tracker);
    // interruptOnCancel: a stopped sweep interrupts its running tasks instead of letting them write on.
    sc.setJobGroup(group, "rlgan sweep " + trials.get(0).sweep(), true);
    List<Submitted> pending = new ArrayList<>();
    try {
      RunTask fn = new RunTask(task, storage);
      for (Trial t : trials) {
        sc.setLocalProperty(TRIAL_PROPERTY, t.id());
        sc.setLocalProperty("spark.job.description", "trial " + t.id() + ": " + t.label());
        pending.add(new Submitted(t, sc.parallelize(List.of(t), 1).map(fn).collectAsync(), System.nanoTime()));
      }
      sc.setLocalProperty(TRIAL_PROPERTY, null);
      sc.setLocalProperty("spark.job.description", null);
      // Results in the order trials end; a poll every 100 ms is nothing beside a trial.
      while (!pending.isEmpty()) {
        for (Iterator<Submitted> it = pending.iterator(); it.hasNext(); ) {
          Submitted s = it.next();
          if (s.future.isDone()) {
            it.remove();
            tracker.finished(s.trial, result(s));
          }
        }
        if (!pending.isEmpty()) {
          Thread.sleep(100);
        }
      }
    } catch (InterruptedException e) {
      // The driver is stopping: its trials stay 'running' in the manifest and --resume reruns them.
      sc.cancelJobGroup(group);
      throw e;
    } finally {
      sc.clearJobGroup();
      sc.setLocalProperty(TRIAL_PROPERTY, null);
      sc.sc().removeSparkListener(tracker);
    }
  }

  private static TrialResult result(Submitted s) throws InterruptedException {
    try {
      return s.future.get().get(0);
    } catch (ExecutionException e) {
      // Spark gave up on the task (spark.task.maxFailures attempts) or the job was cancelled; its message holds
      // the last attempt's error, then the driver's stack trace, which is not the user's business.
      Throwable c = e.getCause() != null ? e.getCause() : e;
      String msg = String.valueOf(c.getMessage());
      int cut = msg.indexOf("\nDriver stacktrace:");
      msg = (cut >= 0 ? msg.substring(0, cut) : msg).strip();
      return TrialResult.failed(s.trial.id(), "Spark gave up on the trial's task: " + msg, Map.of(),
          (System.nanoTime() - s.submitted) / 1e9);
    }
  }

  private record Submitted(Trial trial, JavaFutureAction<List<TrialResult>> future, long submitted) {}

  /** The Spark function of a task: the trial's body with its storage. */
  private record RunTask(TrialTask task, TrialStorage storage) implements Function<Trial, TrialResult> {
    @Override
    public TrialResult call(Trial trial) throws Exception {
      return task.run(trial, storage);
    }
  }

  /**
   * Turns Spark's task starts (every attempt, retries included) into {@link Listener#started} and makes sure each
   * trial is started before it is finished and finished once. Spark's listener bus runs on its own thread and may
   * deliver a start after the driver saw the job end: such a late start is dropped.
   */
  private static final class Tracker extends SparkListener {
    private final String group;
    private final Map<String, Trial> byId = new ConcurrentHashMap<>();
    private final Map<Integer, Trial> byStage = new ConcurrentHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Listener listener;

    Tracker(String group, List<Trial> trials, Listener listener) {
      this.group = group;
      this.listener = listener;
      trials.forEach(t -> byId.put(t.id(), t));
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
      if (job.properties() == null || !group.equals(job.properties().getProperty("spark.jobGroup.id"))) {
        return;
      }
      Trial t = byId.get(String.valueOf(job.properties().getProperty(TRIAL_PROPERTY)));
      if (t != null) {
        for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
          byStage.put((Integer) stage, t);
        }
      }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart task) {
      Trial t = byStage.get(task.stageId());
      if (t != null) {
        started(t);
      }
    }

    synchronized void started(Trial t) {
      if (!done.contains(t.id())) {
        started.add(t.id());
        listener.started(t);
      }
    }

    synchronized void finished(Trial t, TrialResult r) {
      if (!started.contains(t.id())) {
        started(t);
      }
      if (done.add(t.id())) {
        listener.finished(t, r);
      }
    }
  }
}
