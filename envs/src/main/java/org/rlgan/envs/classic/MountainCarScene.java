package org.rlgan.envs.classic;

import org.rlgan.envs.Scene;

/**
 * What a mountain-car frame shows: the car on the hill {@code height(x) = sin(3x) * 0.45 + 0.55} (Gymnasium's
 * {@code _height}), drawn over {@code [minPosition, maxPosition]}, with the flag at {@code goalPosition}.
 *
 * @param position the car's position
 * @param velocity the car's velocity
 * @param minPosition the left wall
 * @param maxPosition the right edge
 * @param goalPosition the flag
 * @param continuous true for {@code MountainCarContinuous}
 */
public record MountainCarScene(double position, double velocity, double minPosition, double maxPosition,
    double goalPosition, boolean continuous) implements Scene {

  /** The hill's frequency in {@code sin(HILL_FREQUENCY * x)}. */
  public static final double HILL_FREQUENCY = 3;
  /** The hill's amplitude. */
  public static final double HILL_AMPLITUDE = 0.45;
  /** The hill's vertical offset. */
  public static final double HILL_OFFSET = 0.55;

  /** The track's height at {@code x}. */
  public static double height(double x) {
    return Math.sin(HILL_FREQUENCY * x) * HILL_AMPLITUDE + HILL_OFFSET;
  }

  /** The slope angle at the car, {@code cos(3 * position)} as Gymnasium rotates the car. */
  public double carAngle() {
    return Math.cos(HILL_FREQUENCY * position);
  }

  @Override
  public String kind() {
    return "mountaincar";
  }
}
