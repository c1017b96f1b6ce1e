package org.rlgan.envs.classic;

import org.rlgan.envs.Registry;

/**
 * Registers Gymnasium 1.4's classic-control family with its time limits, reward thresholds and {@code make}
 * options:
 *
 * <table>
 *   <caption>ids</caption>
 *   <tr><th>id</th><th>limit</th><th>threshold</th><th>options</th></tr>
 *   <tr><td>CartPole-v0</td><td>200</td><td>195</td><td>sutton_barto_reward (false)</td></tr>
 *   <tr><td>CartPole-v1</td><td>500</td><td>475</td><td>sutton_barto_reward (false)</td></tr>
 *   <tr><td>MountainCar-v0</td><td>200</td><td>-110</td><td>goal_velocity (0)</td></tr>
 *   <tr><td>MountainCarContinuous-v0</td><td>999</td><td>90</td><td>goal_velocity (0)</td></tr>
 *   <tr><td>Acrobot-v1</td><td>500</td><td>-100</td><td>none</td></tr>
 *   <tr><td>Pendulum-v1</td><td>200</td><td>none</td><td>g (10.0)</td></tr>
 * </table>
 */
public final class ClassicControl {

  private ClassicControl() {}

  /** Adds every environment of this family to {@code registry}. */
  public static void register(Registry registry) {
    registry.register("CartPole-v0", 200, 195.0, true,
        (spec, o) -> new CartPole(spec, o.getBoolean("sutton_barto_reward", false)));
    registry.register("CartPole-v1", 500, 475.0, true,
        (spec, o) -> new CartPole(spec, o.getBoolean("sutton_barto_reward", false)));
    registry.register("MountainCar-v0", 200, -110.0, true,
        (spec, o) -> new MountainCar(spec, o.getDouble("goal_velocity", 0.0)));
    registry.register("MountainCarContinuous-v0", 999, 90.0, true,
        (spec, o) -> new MountainCarContinuous(spec, o.getDouble("goal_velocity", 0.0)));
    registry.register("Acrobot-v1", 500, -100.0, true, (spec, o) -> new Acrobot(spec));
    registry.register("Pendulum-v1", 200, Double.NaN, true, (spec, o) -> new Pendulum(spec, o.getDouble("g", 10.0)));
  }
}
