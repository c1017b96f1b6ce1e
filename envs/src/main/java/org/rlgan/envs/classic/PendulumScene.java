package org.rlgan.envs.classic;

import java.util.OptionalDouble;
import org.rlgan.envs.Scene;

/**
 * What a pendulum frame shows.
 *
 * @param angle theta in radians, 0 = upright, counter-clockwise positive (not wrapped)
 * @param lastTorque the torque of the last step (N m), empty right after a reset (Gymnasium's {@code last_u})
 * @param maxTorque the largest |torque|, to scale the torque arrow
 * @param length the rod's length, m
 */
public record PendulumScene(double angle, OptionalDouble lastTorque, double maxTorque, double length)
    implements Scene {

  @Override
  public String kind() {
    return "pendulum";
  }
}
