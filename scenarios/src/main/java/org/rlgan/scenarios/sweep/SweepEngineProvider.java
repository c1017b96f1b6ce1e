package org.rlgan.scenarios.sweep;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A {@link SweepEngine} that lives in a module the command line does not depend on (the Spark engine in
 * {@code rlgan-spark}), found with {@link ServiceLoader} when that module is on the class path: users who never
 * distribute never download its dependencies, and {@code scenarios} never imports it. A provider registers itself in
 * {@code META-INF/services/org.rlgan.scenarios.sweep.SweepEngineProvider}.
 */
public interface SweepEngineProvider {

  /**
   * What {@code workbench sweep} passes to an engine besides the trials.
   *
   * @param master the cluster manager URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn},
   *     {@code k8s://...}); null for the engine's default (under spark-submit: the master spark-submit was given)
   * @param outputUri a Hadoop-compatible file system URI ({@code hdfs://...}, {@code s3a://...},
   *     {@code file:///...}) that receives the trial folders instead of the sweep folder; null to write them into
   *     the sweep folder itself (which every worker must then see)
   * @param parallel trials at once where the engine chooses its own parallelism (the cores of local[N] when no
   *     master is given)
   * @param err where the engine's own messages go
   */
  record Request(String master, String outputUri, int parallel, PrintStream err) {}

  /** The value of {@code --engine} that selects this provider, e.g. {@code spark}. */
  String name();

  /**
   * An engine for one sweep. Problems with the request are reported as
   * {@link org.rlgan.scenarios.config.BadInputException} (exit 2).
   */
  SweepEngine create(Request request);

  /** Every provider on the class path, in {@link ServiceLoader} order. */
  static List<SweepEngineProvider> installed() {
    return ServiceLoader.load(SweepEngineProvider.class).stream().map(ServiceLoader.Provider::get).toList();
  }

  /** The provider named {@code name}, if its module is on the class path. */
  static Optional<SweepEngineProvider> find(String name) {
    return installed().stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
