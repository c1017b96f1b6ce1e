package org.rlgan.render.scene;

/**
 * Maps a painter's native drawing space (Gymnasium's screen size, y up from the bottom as pygame draws before its
 * final flip) into a viewport rectangle of the canvas (y down), scaled uniformly and centred.
 *
 * @param scale canvas pixels per native pixel
 * @param left canvas x of native x = 0
 * @param top canvas y of native y = nativeHeight
 */
public record Fit(double scale, double left, double top, double nativeHeight) {

  /** Fits a {@code nativeWidth × nativeHeight} picture into the viewport (x, y, w, h). */
  public static Fit of(double nativeWidth, double nativeHeight, double x, double y, double w, double h) {
    double s = Math.min(w / nativeWidth, h / nativeHeight);
    return new Fit(s, x + (w - nativeWidth * s) / 2, y + (h - nativeHeight * s) / 2, nativeHeight);
  }

  /** Canvas x of native x. */
  public double x(double nx) {
    return left + nx * scale;
  }

  /** Canvas y of native y (y up). */
  public double y(double ny) {
    return top + (nativeHeight - ny) * scale;
  }

  /** A native length in canvas pixels. */
  public double len(double n) {
    return n * scale;
  }
}
