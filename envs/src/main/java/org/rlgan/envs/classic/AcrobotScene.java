package org.rlgan.envs.classic;

import org.rlgan.envs.Scene;

/**
 * What an acrobot frame shows. The fixed joint is the origin; y points up. Link 1 ends at
 * {@code (l1 sin th1, -l1 cos th1)}, link 2 at that point plus {@code (l2 sin(th1+th2), -l2 cos(th1+th2))}.
 *
 * @param theta1 link 1's angle from hanging straight down, rad
 * @param theta2 link 2's angle relative to link 1, rad
 * @param link1Length m
 * @param link2Length m
 * @param targetHeight the bar the free end must rise above (y = targetHeight)
 */
public record AcrobotScene(double theta1, double theta2, double link1Length, double link2Length,
    double targetHeight) implements Scene {

  @Override
  public String kind() {
    return "acrobot";
  }
}
