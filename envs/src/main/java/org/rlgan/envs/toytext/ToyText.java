package org.rlgan.envs.toytext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.rlgan.envs.InvalidOptionException;
import org.rlgan.envs.Options;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Rngs;

/**
 * Registers the toy-text family with Gymnasium 1.4's ids, time limits, reward thresholds and default options
 * (see the class Javadoc of each environment for its dynamics and options).
 *
 * <table>
 *   <caption>ids</caption>
 *   <tr><th>id</th><th>limit</th><th>threshold</th><th>defaults</th></tr>
 *   <tr><td>FrozenLake-v1</td><td>100</td><td>0.70</td><td>map_name=4x4</td></tr>
 *   <tr><td>FrozenLake8x8-v1</td><td>200</td><td>0.85</td><td>map_name=8x8</td></tr>
 *   <tr><td>CliffWalking-v1</td><td>none</td><td>none</td><td>is_slippery=false</td></tr>
 *   <tr><td>CliffWalkingSlippery-v1</td><td>none</td><td>none</td><td>is_slippery=true</td></tr>
 *   <tr><td>Taxi-v4 (alias Taxi-v3)</td><td>200</td><td>8</td><td>is_rainy=false, fickle_passenger=false</td></tr>
 *   <tr><td>Blackjack-v1</td><td>none</td><td>none</td><td>sab=true, natural=false</td></tr>
 * </table>
 */
public final class ToyText {

  private ToyText() {}

  /** Adds every environment of this family to {@code registry}. */
  public static void register(Registry registry) {
    registry.register("FrozenLake-v1", 100, 0.70, false, (spec, o) -> new FrozenLake(frozenLake(o, "4x4"), spec));
    registry.register("FrozenLake8x8-v1", 200, 0.85, false,
        (spec, o) -> new FrozenLake(frozenLake(o, "8x8"), spec));
    registry.register("CliffWalking-v1", 0, Double.NaN, false,
        (spec, o) -> new CliffWalking(o.getBoolean("is_slippery", false), spec));
    registry.register("CliffWalkingSlippery-v1", 0, Double.NaN, false,
        (spec, o) -> new CliffWalking(o.getBoolean("is_slippery", true), spec));
    registry.register("Taxi-v4", 200, 8, false, (spec, o) -> new Taxi(
        new Taxi.Config(o.getBoolean("is_rainy", false), o.getBoolean("fickle_passenger", false)), spec));
    registry.alias("Taxi-v3", "Taxi-v4");
    registry.register("Blackjack-v1", 0, Double.NaN, false,
        (spec, o) -> new Blackjack(new Blackjack.Config(o.getBoolean("natural", false), o.getBoolean("sab", true)),
            spec));
  }

  /**
   * FrozenLake's options as Gymnasium reads them: {@code desc} wins over {@code map_name}; {@code map_name: null}
   * (given, with no desc) generates a random 8x8 map with p = 0.8 from fresh entropy, as
   * {@code generate_random_map()} does. For a reproducible random map pass
   * {@code desc = FrozenLake.generateRandomMap(size, p, seed)}.
   */
  static FrozenLake.Config frozenLake(Options o, String defaultMap) {
    List<String> desc = o.getStringList("desc");
    boolean randomMap = o.has("map_name") && o.asMap().get("map_name") == null;
    String mapName = o.getString("map_name", defaultMap);
    boolean slippery = o.getBoolean("is_slippery", true);
    double successRate = o.getDouble("success_rate", 1.0 / 3.0);
    List<Double> schedule = List.of(1.0, 0.0, 0.0);
    if (o.has("reward_schedule")) {
      Object v = o.asMap().get("reward_schedule");
      if (!(v instanceof Collection<?> c) || c.size() != 3 || !c.stream().allMatch(x -> x instanceof Number)) {
        throw new InvalidOptionException(
            "FrozenLake: option 'reward_schedule' is " + v + "; it must be three numbers (goal, hole, frozen)");
      }
      List<Double> s = new ArrayList<>();
      c.forEach(x -> s.add(((Number) x).doubleValue()));
      schedule = s;
    }
    if (desc == null) {
      if (randomMap) {
        desc = FrozenLake.generateRandomMap(8, 0.8, Rngs.fromEntropy());
      } else if (FrozenLake.MAPS.containsKey(mapName)) {
        desc = FrozenLake.MAPS.get(mapName);
      } else {
        throw new InvalidOptionException("FrozenLake: option 'map_name' is '" + mapName + "'; the maps are "
            + new java.util.TreeSet<>(FrozenLake.MAPS.keySet()) + " (or give desc, or map_name null for a random map)");
      }
    }
    try {
      return new FrozenLake.Config(desc, slippery, successRate, schedule);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(e.getMessage());
    }
  }
}
