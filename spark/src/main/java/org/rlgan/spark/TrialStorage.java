package org.rlgan.spark;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.util.SerializableConfiguration;
import org.rlgan.scenarios.sweep.LocalEngine;
import org.rlgan.scenarios.sweep.Trial;
import org.rlgan.scenarios.sweep.TrialExecutor;
import org.rlgan.scenarios.sweep.TrialResult;

/**
 * Where a trial's run folder lives while and after it runs, as seen from a Spark executor. Serializable: Spark ships
 * it to the executors inside the task.
 *
 * <ul>
 *   <li>{@link #local(Path)}: the sweep folder itself, which every executor must see at the same path (the embedded
 *       {@code local[N]} engine, or a cluster whose workers share a file system mount).</li>
 *   <li>{@link #hadoop(URI, Configuration)}: a Hadoop-compatible file system (HDFS, S3A, ...). The executor copies
 *       an existing trial folder down to a local scratch folder (so an unfinished DQN trial continues from its
 *       checkpoint), runs the trial there with the workbench's ordinary file code, and copies the folder up under a
 *       temporary name that it then renames over the old one: a lost executor never leaves a half-copied folder in
 *       place of a good one.</li>
 * </ul>
 * Either way the trial's progress lines go to {@code <trial dir>/}{@value LocalEngine#PROCESS_LOG}, as with the local
 * engine.
 */
public sealed interface TrialStorage extends Serializable {

  /** Runs {@code trial} into this storage; throws only for storage failures (which Spark then retries). */
  TrialResult run(Trial trial) throws IOException;

  /** Where a trial's folder ends up, for messages. */
  String where(Trial trial);

  /** Trial folders directly under {@code root} (an absolute path every executor sees). */
  static TrialStorage local(Path root) {
    return new Local(root.toAbsolutePath().toString());
  }

  /** Trial folders under {@code root} on the Hadoop file system its scheme names, configured by {@code conf}. */
  static TrialStorage hadoop(URI root, Configuration conf) {
    return new Hadoop(root.toString(), new SerializableConfiguration(conf));
  }

  /** See {@link #local(Path)}. */
  record Local(String root) implements TrialStorage {
    @Override
    public TrialResult run(Trial trial) throws IOException {
      return execute(trial, Path.of(root));
    }

    @Override
    public String where(Trial trial) {
      return Path.of(root).resolve(trial.dir()).toString();
    }
  }

  /** See {@link #hadoop(URI, Configuration)}. */
  record Hadoop(String root, SerializableConfiguration conf) implements TrialStorage {
    @Override
    public TrialResult run(Trial trial) throws IOException {
      org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root), trial.dir());
      FileSystem fs = fileSystem(remote, conf.value());
      Path scratch = Files.createTempDirectory("rlgan-trial-");
      try {
        Path local = scratch.resolve(trial.dir());
        if (fs.exists(remote)) {
          Files.createDirectories(local.getParent());
          fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.toUri()), true);
        }
        TrialResult result = execute(trial, scratch);
        // Up under a name of this attempt, then renamed over the old folder: the old one stays whole until then.
        TaskContext task = TaskContext.get();
        org.apache.hadoop.fs.Path upload = new org.apache.hadoop.fs.Path(remote.getParent(),
            "." + remote.getName() + ".upload-" + (task == null ? 0 : task.taskAttemptId()));
        fs.delete(upload, true);
        fs.mkdirs(remote.getParent());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), upload);
        fs.delete(remote, true);
        if (!fs.rename(upload, remote)) {
          throw new IOException("cannot rename " + upload + " to " + remote);
        }
        return result;
      } finally {
        deleteTree(scratch);
      }
    }

    @Override
    public String where(Trial trial) {
      return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root), trial.dir()).toString();
    }

    /** The file system of {@code p}; for file: URIs the raw one, which writes no .crc files beside each file. */
    static FileSystem fileSystem(org.apache.hadoop.fs.Path p, Configuration conf) throws IOException {
      FileSystem fs = p.getFileSystem(conf);
      return "file".equals(fs.getScheme()) ? FileSystem.getLocal(conf).getRawFileSystem() : fs;
    }
  }

  /** {@link TrialExecutor#execute} with the trial's progress lines in its folder's process log. */
  private static TrialResult execute(Trial trial, Path root) throws IOException {
    Path dir = root.resolve(trial.dir());
    Files.createDirectories(dir);
    try (PrintStream log = new PrintStream(new FileOutputStream(dir.resolve(LocalEngine.PROCESS_LOG).toFile(), true),
        true, StandardCharsets.UTF_8)) {
      return TrialExecutor.execute(trial, root, log);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // A scratch folder left in the executor's temp dir is not worth failing a trial that ran and was copied up.
    }
  }
}
