package org.rlgan.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rlgan.render.gl.Font;
import org.rlgan.render.scene.Colours;

@ExtendWith(HeadlessDisplay.class)
class GlContextTest {

  @Test
  void hiddenContextIsCoreThreeThreeOrNewerAndFramebufferReadsBackTopRowFirst() {
    try (Offscreen off = new Offscreen(40, 30)) {
      String v = off.context().version();
      int major = Integer.parseInt(v.substring(0, v.indexOf('.')));
      int minor = Integer.parseInt(v.substring(v.indexOf('.') + 1, v.indexOf('.') + 2));
      assertTrue(major > 3 || major == 3 && minor >= 3, v);
      int[] px = off.render(g -> {
        g.canvas().clear(Colours.WHITE);
        g.canvas().rect(0, 0, 10, 5, Colours.rgb(255, 0, 0));       // top-left corner
        g.canvas().rect(30, 25, 10, 5, Colours.rgb(0, 0, 255));     // bottom-right corner
      });
      assertEquals(0xFFFF0000, px[0]);
      assertEquals(0xFFFF0000, px[4 * 40 + 9]);
      assertEquals(0xFFFFFFFF, px[5 * 40]);                          // just below the red block
      assertEquals(0xFF0000FF, px[29 * 40 + 39]);
      assertEquals(0xFFFFFFFF, px[24 * 40 + 39]);
    }
  }

  @Test
  void twoContextsOnOneThreadEachDrawAfterTheOtherIsClosed() {
    try (Offscreen a = new Offscreen(8, 8)) {
      try (Offscreen b = new Offscreen(8, 8)) {
        assertEquals(0xFF00FF00, b.render(g -> g.canvas().clear(Colours.rgb(0, 255, 0)))[0]);
        assertEquals(0xFFFF0000, a.render(g -> g.canvas().clear(Colours.rgb(255, 0, 0)))[0]);
      }
      // b's close made nothing current; a makes itself current again
      assertEquals(0xFF0000FF, a.render(g -> g.canvas().clear(Colours.rgb(0, 0, 255)))[63]);
    }
  }

  @Test
  void textDrawsInkInsideItsMeasuredBoxOnly() {
    try (Offscreen off = new Offscreen(200, 40)) {
      Font f = off.gfx().large();
      float w = f.width("Return 475");
      int[] px = off.render(g -> {
        g.canvas().clear(Colours.WHITE);
        f.draw(g.canvas(), "Return 475", 10, 5, Colours.BLACK);
      });
      int ink = 0;
      for (int y = 0; y < 40; y++) {
        for (int x = 0; x < 200; x++) {
          if (px[y * 200 + x] != 0xFFFFFFFF) {
            ink++;
            assertTrue(x >= 10 && x <= 10 + w + 1 && y >= 5 && y <= 5 + f.size() + 2, "ink at " + x + "," + y);
          }
        }
      }
      // 9 glyphs of 22 px: a few hundred dark pixels, far from none and far from a filled box
      assertTrue(ink > 150 && ink < w * f.size() * 0.6, "ink " + ink);
    }
  }
}
