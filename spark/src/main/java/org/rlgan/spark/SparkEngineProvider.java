package org.rlgan.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.sweep.SweepEngine;
import org.rlgan.scenarios.sweep.SweepEngineProvider;

/**
 * {@code workbench sweep FILE --engine spark [--master URL] [--output-uri URI]}: found by the command line through
 * {@link java.util.ServiceLoader} when this module is on the class path. The Spark configuration is Spark's own:
 * {@code spark.*} system properties (what spark-submit sets, or {@code JAVA_OPTS=-Dspark.task.maxFailures=4}),
 * then {@code --master}; without either, {@code local[--parallel]}.
 */
public final class SparkEngineProvider implements SweepEngineProvider {

  /** Master URLs Spark 3.5 accepts (SparkContext.createTaskScheduler), checked before anything is created. */
  private static final Pattern MASTER = Pattern.compile(
      "local|local\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?]|local-cluster\\[\\d+,\\d+,\\d+]|spark://.+|yarn|k8s://.+|mesos://.+");

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public SweepEngine create(Request r) {
    SparkConf conf = new SparkConf();
    if (r.master() != null) {
      if (!MASTER.matcher(r.master()).matches()) {
        throw new BadInputException(Loc.of("--master " + r.master()), "", "not a Spark master URL; give local[N] "
            + "(N cores on this machine), local[N,F] (F attempts per task), spark://HOST:7077, yarn or "
            + "k8s://https://HOST:PORT");
      }
      conf.setMaster(r.master());
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[" + r.parallel() + "]");
    }
    String master = conf.get("spark.master");
    // Executors on a cluster load the workbench from the jars the driver names; spark-submit names its application
    // jar (and sets the deploy mode), ./workbench's class path reaches only this JVM.
    if (!master.startsWith("local") && !conf.contains("spark.jars") && !conf.contains("spark.submit.deployMode")) {
      throw new BadInputException(Loc.of("--master " + master), "", "the executors of a cluster need the workbench's "
          + "classes: submit the shaded jar with spark-submit (docs/spark.md, \"On a cluster\"), or name it with "
          + "JAVA_OPTS=-Dspark.jars=spark/target/rlgan-spark-<version>-spark-submit.jar");
    }
    conf.setIfMissing("spark.app.name", "rlgan sweep");
    // Native code one thread per task, as everywhere in the workbench (and the same numbers as the local engine).
    for (String v : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}) {
      conf.setIfMissing("spark.executorEnv." + v, "1");
    }
    // The sweep prints one line per trial; Spark's console progress bar would overwrite them.
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    if (r.outputUri() != null) {
      checkUri(r.outputUri(), conf);
    }
    return SparkEngine.owning(conf, r.outputUri(), r.err());
  }

  /** An output URI must be absolute with a scheme Hadoop has a file system for (hdfs, s3a, file, ...). */
  private static void checkUri(String uri, SparkConf conf) {
    Loc where = Loc.of("--output-uri " + uri);
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException e) {
      throw new BadInputException(where, "", "not a URI (" + e.getReason() + "); e.g. hdfs://namenode:8020/sweeps");
    }
    if (u.getScheme() == null || !u.isAbsolute()) {
      throw new BadInputException(where, "", "give a URI with a scheme, e.g. hdfs://namenode:8020/sweeps, "
          + "s3a://bucket/sweeps or file:///shared/sweeps");
    }
    Configuration hadoop = SparkHadoopUtil.get().newConfiguration(conf);
    try {
      FileSystem.getFileSystemClass(u.getScheme(), hadoop);
    } catch (IOException e) {
      throw new BadInputException(where, "", "no Hadoop file system for '" + u.getScheme() + "' on the class path ("
          + e.getMessage() + "); s3a needs hadoop-aws on the cluster's class path (docs/spark.md)");
    }
  }
}
