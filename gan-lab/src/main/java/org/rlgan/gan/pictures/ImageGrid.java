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
    writePng(render(images, columns, low, high, scale), png);
  }

  /** Writes an image as a PNG: to a temporary sibling first, then moved into place (never a half-written file). */
  public static void writePng(BufferedImage img, Path png) throws IOException {
    if (png.getParent() != null) {
      Files.createDirectories(png.getParent());
    }
    Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
    if (!ImageIO.write(img, "png", tmp.toFile())) {
      throw new IOException("no PNG writer in this Java runtime (javax.imageio) for " + png);
    }
    Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Writes images of any channel count: grey or RGB images ({@code C} = 1 or 3) as they are, others (e.g. MinAtar's
   * binary object channels) through {@link #channelsToRgb} first.
   */
  public static void writeAnyChannels(INDArray images, int columns, double low, double high, int scale, Path png)
      throws IOException {
    long c = images.size(1);
    if (c == 1 || c == 3) {
      write(images, columns, low, high, scale, png);
    } else {
      write(channelsToRgb(images, low, high), columns, 0, 1, scale, png);
    }
  }

  /**
   * Colours multi-channel images for display: channel k gets colour {@link #PALETTE}[k mod 10], weighted by its value
   * mapped from [low, high] to [0, 1] (clipped); the weighted colours are summed and clipped to [0, 1] per component,
   * so a black pixel has every channel at {@code low}. Returns a new array [n, 3, H, W] in [0, 1].
   */
  public static INDArray channelsToRgb(INDArray images, double low, double high) {
    long[] s = images.shape();
    if (s.length != 4) {
      throw new IllegalArgumentException("channelsToRgb takes images [n, C, H, W], got " + java.util.Arrays.toString(s));
    }
    int n = (int) s[0];
    int c = (int) s[1];
    int hw = (int) (s[2] * s[3]);
    float[] v = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
    float[] out = new float[n * 3 * hw];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < c; k++) {
        int rgb = PALETTE[k % PALETTE.length];
        for (int p = 0; p < hw; p++) {
          double t = Math.max(0, Math.min(1, (v[(i * c + k) * hw + p] - low) / (high - low)));
          for (int ch = 0; ch < 3; ch++) {
            int o = (i * 3 + ch) * hw + p;
            out[o] = (float) Math.min(1, out[o] + t * ((rgb >> (8 * (2 - ch))) & 0xff) / 255.0);
          }
        }
      }
    }
    return org.nd4j.linalg.factory.Nd4j.createFromArray(out).reshape(n, 3, s[2], s[3]);
  }

  /** The channel colours of {@link #channelsToRgb} (Okabe and Ito's colour-blind-safe set, then grey, white). */
  public static final int[] PALETTE = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
      0x999999, 0xFFFFFF, 0x882255};

  private static int level(float v, double low, double high) {
    double t = (v - low) / (high - low);
    return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
  }
}
