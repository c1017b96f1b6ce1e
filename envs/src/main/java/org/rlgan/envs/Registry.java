package org.rlgan.envs;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.rlgan.envs.classic.ClassicControl;
import org.rlgan.envs.minatar.MinAtar;
import org.rlgan.envs.toytext.ToyText;
import org.rlgan.envs.wrappers.TimeLimit;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;

/**
 * Environments by their Gymnasium ids (a closed registry: ids map to factories in this code, never to class
 * names from a file). {@link #make} builds the environment with its keyword options and wraps it in a
 * {@link TimeLimit} when its spec has one ({@code max_episode_steps} overrides it), as {@code gymnasium.make} does.
 *
 * <pre>{@code
 * Env<?, ?> env = Registry.builtin().make("CartPole-v1");
 * Env<?, ?> lake = Registry.builtin().make("FrozenLake-v1", Map.of("map_name", "8x8", "is_slippery", false));
 * }</pre>
 */
public final class Registry {

  /** Builds an environment from its spec (id, limit, options as given) and its options to read. */
  @FunctionalInterface
  public interface Factory {
    Env<?, ?> create(EnvSpec spec, Options options);
  }

  private record Entry(EnvSpec spec, Factory factory) {}

  private static final Registry BUILTIN = createBuiltin();

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();

  /** An empty registry. */
  public Registry() {}

  /** Every built-in environment. The returned registry is shared: do not register into it; copy it instead. */
  public static Registry builtin() {
    return BUILTIN;
  }

  private static Registry createBuiltin() {
    Registry r = new Registry();
    ClassicControl.register(r);
    ToyText.register(r);
    MinAtar.register(r);
    return r;
  }

  /** A registry with this one's entries, to which more can be added. */
  public Registry copy() {
    Registry r = new Registry();
    r.entries.putAll(entries);
    r.aliases.putAll(aliases);
    return r;
  }

  /**
   * Registers an id.
   *
   * @param maxEpisodeSteps the time limit, or 0 for none
   * @param rewardThreshold the solved threshold, or NaN for none
   */
  public synchronized Registry register(String id, int maxEpisodeSteps, double rewardThreshold, boolean deterministic,
      Factory factory) {
    if (entries.containsKey(id) || aliases.containsKey(id)) {
      throw new IllegalArgumentException("environment id " + id + " is already registered");
    }
    EnvSpec spec = new EnvSpec(id, maxEpisodeSteps > 0 ? OptionalInt.of(maxEpisodeSteps) : OptionalInt.empty(),
        Double.isNaN(rewardThreshold) ? OptionalDouble.empty() : OptionalDouble.of(rewardThreshold), deterministic,
        Map.of());
    entries.put(id, new Entry(spec, factory));
    return this;
  }

  /** Makes {@code alias} another name for {@code id} (e.g. Taxi-v3 for Taxi-v4). */
  public synchronized Registry alias(String alias, String id) {
    if (!entries.containsKey(id)) {
      throw new IllegalArgumentException("cannot alias " + alias + " to unregistered " + id);
    }
    aliases.put(alias, id);
    return this;
  }

  /** The registered ids (aliases included), in registration order. */
  public synchronized List<String> ids() {
    List<String> ids = new java.util.ArrayList<>(entries.keySet());
    ids.addAll(aliases.keySet());
    return ids;
  }

  /** The spec of an id, before any options. */
  public synchronized EnvSpec spec(String id) {
    return entry(id).spec;
  }

  /** {@code make(id, Map.of())}. */
  public Env<?, ?> make(String id) {
    return make(id, Map.of());
  }

  /**
   * Makes the environment {@code id} with keyword options (Gymnasium's names, e.g. {@code is_slippery}).
   * {@code max_episode_steps} sets the time limit (0 or less: none).
   *
   * @throws UnknownEnvException for an unknown id, naming the closest ones
   * @throws InvalidOptionException for an unknown option or a value of the wrong kind
   */
  public Env<?, ?> make(String id, Map<String, Object> options) {
    Entry e;
    synchronized (this) {
      e = entry(id);
    }
    Options opts = new Options(e.spec.id(), options);
    int limit = opts.getInt("max_episode_steps", e.spec.maxEpisodeSteps().orElse(0));
    Map<String, Object> kwargs = new LinkedHashMap<>(opts.asMap());
    kwargs.remove("max_episode_steps");
    EnvSpec spec = new EnvSpec(e.spec.id(), limit > 0 ? OptionalInt.of(limit) : OptionalInt.empty(),
        e.spec.rewardThreshold(), e.spec.deterministic(), kwargs);
    Env<?, ?> env = e.factory.create(spec, opts);
    opts.checkAllUsed();
    return limit > 0 ? wrapTimeLimit(env, limit) : env;
  }

  private static <O, A> Env<O, A> wrapTimeLimit(Env<O, A> env, int limit) {
    return new TimeLimit<>(env, limit);
  }

  private Entry entry(String id) {
    Entry e = entries.get(aliases.getOrDefault(id, id));
    if (e == null) {
      Set<String> all = new java.util.TreeSet<>(entries.keySet());
      all.addAll(aliases.keySet());
      List<String> close = all.stream().sorted(Comparator.comparingInt(c -> Options.distance(c, id))).limit(3).toList();
      throw new UnknownEnvException("no environment is registered as '" + id + "'; did you mean " + close
          + "? (all ids: Registry.builtin().ids())");
    }
    return e;
  }
}
