package org.rlgan.envs.classic;

import org.rlgan.envs.Scene;

/**
 * What a cart-pole frame shows. Lengths in metres, angles in radians (0 = upright, positive = clockwise as
 * Gymnasium draws it).
 *
 * @param cartX the cart's position on the track (0 = centre)
 * @param poleAngle the pole's angle from vertical
 * @param xThreshold the |x| beyond which the episode terminates
 * @param thetaThreshold the |angle| beyond which the episode terminates
 * @param trackWidth the visible track, {@code 2 * xThreshold} (Gymnasium's world width)
 * @param poleLength the pole's full length
 */
public record CartPoleScene(double cartX, double poleAngle, double xThreshold, double thetaThreshold,
    double trackWidth, double poleLength) implements Scene {

  @Override
  public String kind() {
    return "cartpole";
  }
}
