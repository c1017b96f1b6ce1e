package org.rlgan.gan.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.ForwardContext;

/**
 * The discriminator of a 2-D GAN evaluated on a grid (book 9.5's picture of the game): a heat map of D over a square
 * around the data, blue where D judges "generated", white at ½, red where it judges "real", with real samples (dark
 * grey) and generated ones (orange) drawn over it. Written as a PNG through {@code javax.imageio} (headless).
 *
 * <p>Values: σ(D) for the logit losses (minimax, non-saturating); for the others (least squares, Wasserstein, hinge)
 * D is not a probability, so its values are scaled linearly to [0, 1] over the grid (white is then the grid's
 * midpoint, not a decision boundary). A PacGAN discriminator takes m samples at once: each grid point is repeated in
 * all m slots, so the map shows D's judgement of a pack of m identical points. InfoGAN's Q head is ignored (output 0
 * is the logit). D runs in evaluation mode without gradients; the trainer's random stream is not touched.
 */
public final class DecisionSurface {
  private DecisionSurface() {}

  /**
   * D on a grid.
   *
   * @param values res × res values in [0, 1], row-major, top row (largest y) first, at the cells' centres
   * @param res the grid's side
   * @param bounds {x0, x1, y0, y1}
   * @param probability true when the values are σ(D), false when D's values were scaled over the grid
   */
  public record Surface(double[] values, int res, double[] bounds, boolean probability) {}

  /** The points' bounding box with a 15 % margin, made square so a picture keeps the data's aspect: {x0, x1, y0, y1}. */
  public static double[] bounds(double[][] pts) {
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (double[] p : pts) {
      x0 = Math.min(x0, p[0]);
      x1 = Math.max(x1, p[0]);
      y0 = Math.min(y0, p[1]);
      y1 = Math.max(y1, p[1]);
    }
    double half = Math.max(x1 - x0, y1 - y0) * 0.65;
    double cx = (x0 + x1) / 2;
    double cy = (y0 + y1) / 2;
    return new double[] {cx - half, cx + half, cy - half, cy + half};
  }

  /** The trainer's discriminator at the centres of a res × res grid over {@code bounds} (see the class comment). */
  public static Surface evaluate(GanTrainer trainer, double[] bounds, int res) {
    if (trainer.config().conditionClasses() > 0) {
      throw new IllegalArgumentException("DecisionSurface: a conditional discriminator needs a label per point; "
          + "2-D data sets have none");
    }
    int pack = trainer.config().pack();
    float[] grid = new float[res * res * 2 * pack];
    for (int r = 0; r < res; r++) {
      for (int c = 0; c < res; c++) {
        double px = bounds[0] + (c + 0.5) / res * (bounds[1] - bounds[0]);
        double py = bounds[3] - (r + 0.5) / res * (bounds[3] - bounds[2]);
        int o = (r * res + c) * 2 * pack;
        for (int k = 0; k < pack; k++) {
          grid[o + 2 * k] = (float) px;
          grid[o + 2 * k + 1] = (float) py;
        }
      }
    }
    double[] d = new double[res * res];
    try (Autograd.Scope s = Autograd.noGrad()) {
      INDArray in = Nd4j.createFromArray(grid).reshape(res * res, 2L * pack);
      INDArray out = trainer.discriminator().forward(Tensor.constant(in), ForwardContext.eval()).value()
          .castTo(DataType.DOUBLE);
      for (int i = 0; i < d.length; i++) {
        d[i] = out.getDouble(i, 0);
      }
    }
    GanLoss loss = trainer.config().loss();
    boolean probability = loss instanceof GanLoss.NonSaturating || loss instanceof GanLoss.Minimax;
    if (probability) {
      for (int i = 0; i < d.length; i++) {
        d[i] = 1 / (1 + Math.exp(-d[i]));
      }
    } else {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : d) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      for (int i = 0; i < d.length; i++) {
        d[i] = hi > lo ? (d[i] - lo) / (hi - lo) : 0.5;
      }
    }
    return new Surface(d, res, bounds.clone(), probability);
  }

  /** The colour (opaque ARGB) of a surface value p: blue (0) through white (½) to red (1); NaN is white. */
  public static int colour(double p) {
    double t = Math.max(0, Math.min(1, Double.isNaN(p) ? 0.5 : p));
    int[] end = t < 0.5 ? new int[] {70, 110, 200} : new int[] {210, 80, 70};
    double f = Math.abs(t - 0.5) * 2;
    int r = (int) Math.round(255 + (end[0] - 255) * f);
    int g = (int) Math.round(255 + (end[1] - 255) * f);
    int b = (int) Math.round(255 + (end[2] - 255) * f);
    return 0xFF000000 | r << 16 | g << 8 | b;
  }

  /** The real samples' colour in {@link #write}. */
  public static final int REAL = 0xFF282828;
  /** The generated samples' colour in {@link #write}. */
  public static final int FAKE = 0xFFF58200;

  /**
   * Draws the surface with the real and generated points over it and a title line, and writes it as a PNG
   * (a temporary sibling, then moved into place). The picture is {@code side} pixels square below a 24-pixel title.
   */
  public static void write(Path png, Surface s, double[][] real, double[][] fake, String title, int side)
      throws IOException {
    int top = 24;
    BufferedImage img = new BufferedImage(side, side + top, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, side, side + top);
      double cell = (double) side / s.res();
      for (int r = 0; r < s.res(); r++) {
        for (int c = 0; c < s.res(); c++) {
          g.setColor(new Color(colour(s.values()[r * s.res() + c])));
          int x0 = (int) Math.floor(c * cell);
          int y0 = (int) Math.floor(r * cell);
          g.fillRect(x0, top + y0, (int) Math.floor((c + 1) * cell) - x0, (int) Math.floor((r + 1) * cell) - y0);
        }
      }
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      dots(g, real, s.bounds(), side, top, new Color(REAL), 2.0);
      dots(g, fake, s.bounds(), side, top, new Color(FAKE), 2.0);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(0, top, side - 1, side - 1);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      double[] b = s.bounds();
      g.drawString(title + String.format(Locale.ROOT, "  [%.2g, %.2g] x [%.2g, %.2g]; %s", b[0], b[1], b[2], b[3],
          s.probability() ? "sigma(D): blue 0, white 0.5, red 1" : "D scaled over the grid"), 4, 16);
    } finally {
      g.dispose();
    }
    ImageGrid.writePng(img, png);
  }

  private static void dots(Graphics2D g, double[][] pts, double[] b, int side, int top, Color colour, double radius) {
    g.setColor(colour);
    for (double[] p : pts) {
      double x = (p[0] - b[0]) / (b[1] - b[0]) * side;
      double y = top + (b[3] - p[1]) / (b[3] - b[2]) * side;
      g.fill(new java.awt.geom.Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }
  }
}
