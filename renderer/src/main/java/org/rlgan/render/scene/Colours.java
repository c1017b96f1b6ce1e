package org.rlgan.render.scene;

/** Colours as {@code 0xAARRGGBB} ints, and the few colour maps the scenes and overlays use. */
public final class Colours {

  /** Opaque white. */
  public static final int WHITE = 0xFFFFFFFF;
  /** Opaque black. */
  public static final int BLACK = 0xFF000000;

  private Colours() {}

  /** An opaque colour from 0–255 components. */
  public static int rgb(int r, int g, int b) {
    return 0xFF000000 | (r & 0xff) << 16 | (g & 0xff) << 8 | b & 0xff;
  }

  /** The same colour with alpha {@code a} (0–255). */
  public static int withAlpha(int argb, int a) {
    return (a & 0xff) << 24 | argb & 0xFFFFFF;
  }

  /** Red component 0–255. */
  public static int red(int argb) {
    return argb >>> 16 & 0xff;
  }

  /** Green component 0–255. */
  public static int green(int argb) {
    return argb >>> 8 & 0xff;
  }

  /** Blue component 0–255. */
  public static int blue(int argb) {
    return argb & 0xff;
  }

  /**
   * Matplotlib's {@code viridis} at t in [0, 1] (linear between 9 of its 256 entries; close enough for a heat map
   * legend, and monotone in lightness so low and high values read apart).
   */
  public static int viridis(double t) {
    int[] stops = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};
    double u = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (stops.length - 1);
    int i = Math.min(stops.length - 2, (int) u);
    double f = u - i;
    int a = stops[i];
    int b = stops[i + 1];
    return rgb(lerp(a >>> 16 & 0xff, b >>> 16 & 0xff, f), lerp(a >>> 8 & 0xff, b >>> 8 & 0xff, f),
        lerp(a & 0xff, b & 0xff, f));
  }

  private static int lerp(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  /**
   * The MinAtar reference's palette for {@code n} channels: {@code seaborn.color_palette("cubehelix", n)}, i.e.
   * matplotlib's 256-entry {@code cubehelix} map (γ 1, s 0.5, r −1.5, h 1) sampled at {@code (k + 1) / (n + 1)},
   * k = 0..n−1. Entry k colours channel k; empty cells are black ({@code cmap.insert(0, (0, 0, 0))}).
   */
  public static int[] cubehelix(int n) {
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      double bin = (k + 1) / (double) (n + 1);
      // matplotlib: index = int(x * N) with N = 256 lookup entries made at x_i = i / 255
      int i = Math.min(255, (int) (bin * 256));
      double x = i / 255.0;
      out[k] = rgb(unit(helix(x, -0.14861, 1.78277)), unit(helix(x, -0.29227, -0.90649)),
          unit(helix(x, 1.97294, 0.0)));
    }
    return out;
  }

  private static double helix(double x, double p0, double p1) {
    double a = x * (1 - x) / 2;
    double phi = 2 * Math.PI * (0.5 / 3 + -1.5 * x);
    return Math.max(0, Math.min(1, x + a * (p0 * Math.cos(phi) + p1 * Math.sin(phi))));
  }

  private static int unit(double v) {
    return (int) Math.round(v * 255);
  }
}
