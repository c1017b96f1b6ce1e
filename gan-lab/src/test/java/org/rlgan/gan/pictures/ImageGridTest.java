package org.rlgan.gan.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ImageGridTest {

  @Test
  void aPngRoundTripKeepsLayoutAndGreyLevels(@TempDir Path dir) throws Exception {
    // Three 2 x 3 images in two columns, scale 2: image k has the value (k − 1) everywhere except pixel (1, 2) = 1.
    float[] v = new float[3 * 6];
    for (int k = 0; k < 3; k++) {
      for (int p = 0; p < 6; p++) {
        v[k * 6 + p] = k - 1;
      }
      v[k * 6 + 5] = 1;
    }
    Path png = dir.resolve("grid.png");
    ImageGrid.write(Nd4j.createFromArray(v).reshape(3, 1, 2, 3), 2, -1, 1, 2, png);
    BufferedImage img = ImageIO.read(png.toFile());
    int b = ImageGrid.BORDER;
    // 2 columns of (3·2 + b) pixels plus b; 2 rows of (2·2 + b) plus b.
    assertEquals(2 * (6 + b) + b, img.getWidth());
    assertEquals(2 * (4 + b) + b, img.getHeight());
    assertEquals(0, grey(img, b, b));                         // image 0, value −1 → 0
    assertEquals(255, grey(img, b + 2 * 2 + 1, b + 2 + 1));   // image 0, pixel (1, 2) → 255, enlarged 2×
    assertEquals(128, grey(img, b + 6 + b + 1, b));           // image 1, value 0 → 128 (127.5 rounded)
    assertEquals(255, grey(img, b, b + 4 + b));               // image 2 (second row), value 1 → 255
    assertEquals(ImageGrid.BORDER_GREY, grey(img, 0, 0));     // border
    assertEquals(ImageGrid.BORDER_GREY, grey(img, b + 6 + b + 1, b + 4 + b)); // the empty fourth cell
  }

  @Test
  void badShapesAreRefused() {
    var ex = assertThrows(IllegalArgumentException.class,
        () -> ImageGrid.render(Nd4j.zeros(DataType.FLOAT, 2, 2, 4, 4), 2, 0, 1, 1));
    assertEquals("ImageGrid takes images [n, 1 or 3, H, W], got [2, 2, 4, 4]", ex.getMessage());
  }

  private static int grey(BufferedImage img, int x, int y) {
    return img.getRaster().getSample(x, y, 0);
  }
}
