package org.rlgan.scenarios.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlgan.scenarios.run.AtomicFiles;
import org.rlgan.scenarios.run.Json;

/**
 * {@code manifest.json} of a sweep folder: every trial's state (pending, running, finished, failed), error, wall
 * time, attempts and summary, beside {@value #TRIALS} with the trials' descriptions. The driver owns it; it is rewritten atomically after every
 * change, so whatever stops the driver, the file on disk is a whole manifest, and a trial whose end it never heard
 * of is still {@code running} there, which {@code --resume} reruns.
 */
public final class Manifest implements SweepEngine.Listener {

  /** The file name inside a sweep folder. */
  public static final String FILE = "manifest.json";

  /**
   * Every trial's full description (with its resolved scenario), written once when the sweep is created and never
   * changed; the manifest, rewritten at every change, names trials by id and stays small.
   */
  public static final String TRIALS = "trials.json";

  /** One trial's line in the manifest. */
  public static final class Entry {
    private final Trial trial;
    private TrialResult.State state;
    private String error;
    private Map<String, Object> summary;
    private double wallSeconds;
    private int attempts;

    Entry(Trial trial, TrialResult.State state, String error, Map<String, Object> summary, double wallSeconds,
        int attempts) {
      this.trial = trial;
      this.state = state;
      this.error = error;
      this.summary = summary;
      this.wallSeconds = wallSeconds;
      this.attempts = attempts;
    }

    public Trial trial() {
      return trial;
    }

    public TrialResult.State state() {
      return state;
    }

    public String error() {
      return error;
    }

    public Map<String, Object> summary() {
      return summary;
    }

    public double wallSeconds() {
      return wallSeconds;
    }

    public int attempts() {
      return attempts;
    }
  }

  private final Path dir;
  private final Map<String, Object> header;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private Manifest(Path dir, Map<String, Object> header) {
    this.dir = dir;
    this.header = header;
  }

  /** A new manifest of {@code plan}, every trial pending, written to {@code dir}. */
  public static Manifest create(Path dir, SweepPlan plan, Map<String, Object> meta) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("sweep", plan.sweep());
    h.putAll(meta);
    h.put("created", Instant.now().toString());
    h.put("configs", plan.configs());
    h.put("seeds", plan.seeds());
    Manifest m = new Manifest(dir, h);
    AtomicFiles.write(dir.resolve(TRIALS), Json.write(plan.trials()));
    for (Trial t : plan.trials()) {
      m.entries.put(t.id(), new Entry(t, TrialResult.State.PENDING, null, Map.of(), 0, 0));
    }
    m.write();
    return m;
  }

  /** Reads {@code dir/manifest.json}. */
  public static Manifest read(Path dir) throws IOException {
    JsonNode root = Json.mapper().readTree(dir.resolve(FILE).toFile());
    Map<String, Object> h = new LinkedHashMap<>();
    root.fields().forEachRemaining(f -> {
      if (!List.of("trials", "counts", "updated").contains(f.getKey())) {
        h.put(f.getKey(), Json.mapper().convertValue(f.getValue(), Object.class));
      }
    });
    Manifest m = new Manifest(dir, h);
    Map<String, Trial> trials = new LinkedHashMap<>();
    for (Trial t : Json.mapper().readValue(dir.resolve(TRIALS).toFile(), Trial[].class)) {
      trials.put(t.id(), t);
    }
    for (JsonNode n : root.path("trials")) {
      Trial t = trials.get(n.path("id").asText());
      if (t == null) {
        throw new IOException(dir.resolve(FILE) + " names trial " + n.path("id").asText() + ", which "
            + dir.resolve(TRIALS) + " does not describe");
      }
      Map<String, Object> summary = Json.mapper().convertValue(n.path("summary"),
          new TypeReference<LinkedHashMap<String, Object>>() {});
      m.entries.put(t.id(), new Entry(t, TrialResult.State.valueOf(n.path("state").asText().toUpperCase(Locale.ROOT)),
          n.path("error").isNull() ? null : n.path("error").asText(null), summary == null ? Map.of() : summary,
          n.path("wall_seconds").asDouble(0), n.path("attempts").asInt(0)));
    }
    return m;
  }

  /** Whether {@code dir} holds a sweep (a manifest). */
  public static boolean isSweep(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  public Path dir() {
    return dir;
  }

  /** The header values: sweep, scenario_file, created, configs, seeds, workbench_version, git_commit, jvm. */
  public Map<String, Object> header() {
    return header;
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** The trials still to run: every one not finished (pending, running when the driver stopped, failed). */
  public synchronized List<Trial> unfinished() {
    List<Trial> out = new ArrayList<>();
    entries.values().stream().filter(e -> e.state != TrialResult.State.FINISHED).forEach(e -> out.add(e.trial));
    return out;
  }

  public synchronized long count(TrialResult.State state) {
    return entries.values().stream().filter(e -> e.state == state).count();
  }

  @Override
  public synchronized void started(Trial trial) {
    Entry e = entry(trial);
    e.state = TrialResult.State.RUNNING;
    e.attempts++;
    e.error = null;
    write();
  }

  @Override
  public synchronized void finished(Trial trial, TrialResult result) {
    Entry e = entry(trial);
    e.state = result.state();
    e.error = result.error();
    e.summary = result.summary();
    e.wallSeconds = result.wallSeconds();
    write();
  }

  private Entry entry(Trial trial) {
    Entry e = entries.get(trial.id());
    if (e == null) {
      throw new IllegalArgumentException("trial " + trial.id() + " is not in the manifest of " + dir);
    }
    return e;
  }

  private void write() {
    Map<String, Object> root = new LinkedHashMap<>(header);
    root.put("updated", Instant.now().toString());
    Map<String, Long> counts = new LinkedHashMap<>();
    for (TrialResult.State s : TrialResult.State.values()) {
      counts.put(s.name().toLowerCase(Locale.ROOT), count(s));
    }
    root.put("counts", counts);
    List<Object> trials = new ArrayList<>();
    for (Entry e : entries.values()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", e.trial.id());
      t.put("config", e.trial.config());
      t.put("params", e.trial.params());
      t.put("seed", e.trial.seed());
      t.put("dir", e.trial.dir());
      t.put("state", e.state.name().toLowerCase(Locale.ROOT));
      t.put("attempts", e.attempts);
      t.put("error", e.error);
      t.put("wall_seconds", e.wallSeconds);
      t.put("summary", e.summary);
      trials.add(t);
    }
    root.put("trials", trials);
    try {
      AtomicFiles.write(dir.resolve(FILE), Json.write(root));
    } catch (UncheckedIOException ex) {
      throw new UncheckedIOException("cannot write the sweep manifest " + dir.resolve(FILE) + ": "
          + ex.getCause().getMessage(), ex.getCause());
    }
  }
}
