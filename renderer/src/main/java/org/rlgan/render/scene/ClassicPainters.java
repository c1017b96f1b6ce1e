package org.rlgan.render.scene;

import static org.rlgan.render.scene.Colours.BLACK;
import static org.rlgan.render.scene.Colours.WHITE;
import static org.rlgan.render.scene.Colours.rgb;

import org.rlgan.envs.classic.AcrobotScene;
import org.rlgan.envs.classic.CartPoleScene;
import org.rlgan.envs.classic.MountainCarScene;
import org.rlgan.envs.classic.PendulumScene;
import org.rlgan.render.gl.Canvas;

/**
 * The classic-control scenes, drawn as Gymnasium 1.4's {@code render()} draws them (same screen sizes, shapes,
 * dimensions and colours; pygame's y-up drawing before its final flip is {@link Fit}'s native space), scaled
 * uniformly into the viewport.
 */
final class ClassicPainters {

  /** Gymnasium's CartPole screen. */
  static final int CARTPOLE_W = 600;
  static final int CARTPOLE_H = 400;
  /** Gymnasium's Acrobot and Pendulum screens. */
  static final int SQUARE = 500;

  static final int POLE = rgb(202, 152, 101);
  static final int AXLE = rgb(129, 132, 203);
  static final int LINK = rgb(0, 204, 204);
  static final int JOINT = rgb(204, 204, 0);
  static final int WHEEL = rgb(128, 128, 128);
  static final int ROD = rgb(204, 77, 77);

  private ClassicPainters() {}

  /** cartpole.py: scale = 600 / (2 x_threshold), cart 50×30 at y 100, pole 10 wide, rotated by −θ. */
  static void cartPole(Canvas c, CartPoleScene s, double x, double y, double w, double h) {
    Fit f = Fit.of(CARTPOLE_W, CARTPOLE_H, x, y, w, h);
    c.rect(f.x(0), f.y(CARTPOLE_H), f.len(CARTPOLE_W), f.len(CARTPOLE_H), WHITE);
    double scale = CARTPOLE_W / s.trackWidth();
    double poleWidth = 10;
    double poleLen = scale * s.poleLength();
    double cartW = 50;
    double cartH = 30;
    double axleOffset = cartH / 4;
    double cartX = s.cartX() * scale + CARTPOLE_W / 2.0;
    double cartY = 100;
    // track first, as Gymnasium draws it last but under nothing: a 1-px line through the cart's centre
    c.line(f.x(0), f.y(cartY), f.x(CARTPOLE_W), f.y(cartY), Math.max(1, f.len(1)), BLACK);
    c.rect(f.x(cartX - cartW / 2), f.y(cartY + cartH / 2), f.len(cartW), f.len(cartH), BLACK);
    double th = s.poleAngle();
    double[][] pole = {{-poleWidth / 2, -poleWidth / 2}, {-poleWidth / 2, poleLen - poleWidth / 2},
        {poleWidth / 2, poleLen - poleWidth / 2}, {poleWidth / 2, -poleWidth / 2}};
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int i = 0; i < 4; i++) {
      // pygame Vector2.rotate_rad(-th): (x cos th + y sin th, -x sin th + y cos th)
      double px = pole[i][0] * Math.cos(th) + pole[i][1] * Math.sin(th);
      double py = -pole[i][0] * Math.sin(th) + pole[i][1] * Math.cos(th);
      xs[i] = f.x(px + cartX);
      ys[i] = f.y(py + cartY + axleOffset);
    }
    c.polygon(xs, ys, POLE);
    c.circle(f.x(cartX), f.y(cartY + axleOffset), f.len(poleWidth / 2), AXLE);
  }

  /** mountain_car.py: the hill as 100 segments, a 40×20 car rotated by cos(3x), grey wheels, the yellow flag. */
  static void mountainCar(Canvas c, MountainCarScene s, double x, double y, double w, double h) {
    Fit f = Fit.of(CARTPOLE_W, CARTPOLE_H, x, y, w, h);
    c.rect(f.x(0), f.y(CARTPOLE_H), f.len(CARTPOLE_W), f.len(CARTPOLE_H), WHITE);
    double scale = CARTPOLE_W / (s.maxPosition() - s.minPosition());
    double px0 = 0;
    double py0 = MountainCarScene.height(s.minPosition()) * scale;
    for (int i = 1; i < 100; i++) {
      double xs = s.minPosition() + (s.maxPosition() - s.minPosition()) * i / 99;
      double px = (xs - s.minPosition()) * scale;
      double py = MountainCarScene.height(xs) * scale;
      c.line(f.x(px0), f.y(py0), f.x(px), f.y(py), Math.max(1, f.len(1.5)), BLACK);
      px0 = px;
      py0 = py;
    }
    double clearance = 10;
    double carW = 40;
    double carH = 20;
    double rot = s.carAngle();
    double ox = (s.position() - s.minPosition()) * scale;
    double oy = clearance + MountainCarScene.height(s.position()) * scale;
    double[][] body = {{-carW / 2, 0}, {-carW / 2, carH}, {carW / 2, carH}, {carW / 2, 0}};
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int i = 0; i < 4; i++) {
      xs[i] = f.x(ox + rx(body[i][0], body[i][1], rot));
      ys[i] = f.y(oy + ry(body[i][0], body[i][1], rot));
    }
    c.polygon(xs, ys, BLACK);
    for (double wx : new double[] {carW / 4, -carW / 4}) {
      c.circle(f.x(ox + rx(wx, 0, rot)), f.y(oy + ry(wx, 0, rot)), f.len(carH / 2.5), WHEEL);
    }
    double flagX = (s.goalPosition() - s.minPosition()) * scale;
    double flagY1 = MountainCarScene.height(s.goalPosition()) * scale;
    double flagY2 = flagY1 + 50;
    c.line(f.x(flagX), f.y(flagY1), f.x(flagX), f.y(flagY2), Math.max(1, f.len(1.5)), BLACK);
    c.triangle(f.x(flagX), f.y(flagY2), f.x(flagX), f.y(flagY2 - 10), f.x(flagX + 25), f.y(flagY2 - 5),
        JOINT);
  }

  private static double rx(double x, double y, double a) {
    return x * Math.cos(a) - y * Math.sin(a);
  }

  private static double ry(double x, double y, double a) {
    return x * Math.sin(a) + y * Math.cos(a);
  }

  /** acrobot.py: scale = 500 / (2 (l1 + l2 + 0.2)), links 0.2 wide in cyan, joints yellow, the target bar black. */
  static void acrobot(Canvas c, AcrobotScene s, double x, double y, double w, double h) {
    Fit f = Fit.of(SQUARE, SQUARE, x, y, w, h);
    c.rect(f.x(0), f.y(SQUARE), f.len(SQUARE), f.len(SQUARE), WHITE);
    double bound = s.link1Length() + s.link2Length() + 0.2;
    double scale = SQUARE / (bound * 2);
    double offset = SQUARE / 2.0;
    c.line(f.x(-2.2 * scale + offset), f.y(s.targetHeight() * scale + offset), f.x(2.2 * scale + offset),
        f.y(s.targetHeight() * scale + offset), Math.max(1, f.len(1)), BLACK);
    double[] jx = {0, s.link1Length() * Math.sin(s.theta1()), 0};
    double[] jy = {0, -s.link1Length() * Math.cos(s.theta1()), 0};
    jx[2] = jx[1] + s.link2Length() * Math.sin(s.theta1() + s.theta2());
    jy[2] = jy[1] - s.link2Length() * Math.cos(s.theta1() + s.theta2());
    for (int i = 0; i < 2; i++) {
      double ax = jx[i] * scale + offset;
      double ay = jy[i] * scale + offset;
      double bx = jx[i + 1] * scale + offset;
      double by = jy[i + 1] * scale + offset;
      c.line(f.x(ax), f.y(ay), f.x(bx), f.y(by), f.len(0.2 * scale), LINK);
      c.circle(f.x(ax), f.y(ay), f.len(0.1 * scale), JOINT);
    }
  }

  /** pendulum.py: scale = 500 / 4.4, a red rod 0.2 wide from the centre at θ (0 up, counter-clockwise). */
  static void pendulum(Canvas c, PendulumScene s, double x, double y, double w, double h) {
    Fit f = Fit.of(SQUARE, SQUARE, x, y, w, h);
    c.rect(f.x(0), f.y(SQUARE), f.len(SQUARE), f.len(SQUARE), WHITE);
    double scale = SQUARE / (2.2 * 2);
    double offset = SQUARE / 2.0;
    double rod = s.length() * scale;
    double a = s.angle() + Math.PI / 2;
    double ex = offset + rod * Math.cos(a);
    double ey = offset + rod * Math.sin(a);
    double width = 0.2 * scale;
    c.line(f.x(offset), f.y(offset), f.x(ex), f.y(ey), f.len(width), ROD);
    c.circle(f.x(offset), f.y(offset), f.len(width / 2), ROD);
    c.circle(f.x(ex), f.y(ey), f.len(width / 2), ROD);
    if (s.lastTorque().isPresent() && s.lastTorque().getAsDouble() != 0) {
      // Gymnasium scales a clockwise-arrow image by |u| / 2; an arc of the same sense and size stands in for it
      double u = s.lastTorque().getAsDouble();
      double r = scale * Math.abs(u) / s.maxTorque() * 0.5 + 0.15 * scale;
      int n = 24;
      double sign = Math.signum(u);
      double start = -Math.PI / 4;
      double sweep = 1.5 * Math.PI * sign;
      double px = offset + r * Math.cos(start);
      double py = offset + r * Math.sin(start);
      for (int i = 1; i <= n; i++) {
        double t = start + sweep * i / n;
        double qx = offset + r * Math.cos(t);
        double qy = offset + r * Math.sin(t);
        if (i == n) {
          c.arrow(f.x(px), f.y(py), f.x(qx), f.y(qy), f.len(4), f.len(14), BLACK);
        } else {
          c.line(f.x(px), f.y(py), f.x(qx), f.y(qy), f.len(4), BLACK);
        }
        px = qx;
        py = qy;
      }
    }
    c.circle(f.x(offset), f.y(offset), f.len(0.05 * scale), BLACK);
  }
}
