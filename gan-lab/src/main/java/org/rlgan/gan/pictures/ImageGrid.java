package org.rlgan.gan.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sample grids as PNG files, written with {@code javax.imageio} (no OpenGL, works headless): images [n, C, H, W]
 * with C = 1 (grey) or 3 (RGB) laid out row by row, {@code columns} per row, separated by a 2-pixel border of
 * middle grey (128), each pixel enlarged {@code scale} times (nearest neighbour). Values are mapped linearly from
 * [low, high] to 0–255 and clipped.
 */
public final class ImageGrid {
  private ImageGrid() {}

  /** The border's width in pixels. */
  public static final int BORDER = 2;
  /** The border's grey level, between a black background and white strokes. */
  public static final int BORDER_GREY = 128;

  /** The grid as an image (see the class comment). */
  public static BufferedImage render(INDArray images, int columns, double low, double high, int scale) {
    long[] s = images.shape();
    if (s.length != 4 || (s[1] != 1 && s[1] != 3)) {
      throw new IllegalArgumentException("ImageGrid takes images [n, 1 or 3, H, W], got " + java.util.Arrays.toString(s));
    }
    if (columns < 1 || scale < 1 || !(high > low)) {
      throw new IllegalArgumentException("ImageGrid needs columns >= 1, scale >= 1 and high > low, got " + columns + ", "
          + scale + ", [" + low + ", " + high + "]");
    }
    int n = (int) s[0];
    int c = (int) s[1];
    int h = (int) s[2];
    int w = (int) s[3];
    int rows = (n + columns - 1) / columns;
    int cellH = h * scale + BORDER;
    int cellW = w * scale + BORDER;
    BufferedImage img = new BufferedImage(columns * cellW + BORDER, rows * cellH + BORDER,
        c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    // Grey levels go into the raster directly: setRGB on a grey image would convert sRGB to linear grey.
    java.awt.image.WritableRaster raster = img.getRaster();
    int borderRgb = (BORDER_GREY << 16) | (BORDER_GREY << 8) | BORDER_GREY;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (c == 1) {
          raster.setSample(x, y, 0, BORDER_GREY);
        } else {
          img.setRGB(x, y, borderRgb);
        }
      }
    }
    float[] v = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
    for (int k = 0; k < n; k++) {
      int x0 = BORDER + (k % columns) * cellW;
      int y0 = BORDER + (k / columns) * cellH;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int rgb = 0;
          for (int ch = 0; ch < c; ch++) {
            rgb |= level(v[((k * c + ch) * h + y) * w + x], low, high) << (8 * (c - 1 - ch));
          }
          for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
              if (c == 1) {
                raster.setSample(x0 + x * scale + dx, y0 + y * scale + dy, 0, rgb);
              } else {
                img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
              }
            }
          }
        }
      }
    }
    return img;
  }

  /** Renders and writes a PNG (to a temporary sibling first, then moved into place). */
  public static void write(INDArray images, int columns, double low, double high, int scale, Path png) throws IOException {
    BufferedImage img = render(images, columns, low, high, scale);
    if (png.getParent() != null) {
      Files.createDirectories(png.getParent());
    }
    Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
    if (!ImageIO.write(img, "png", tmp.toFile())) {
      throw new IOException("no PNG writer in this Java runtime (javax.imageio) for " + png);
    }
    Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static int level(float v, double low, double high) {
    double t = (v - low) / (high - low);
    return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
  }
}
