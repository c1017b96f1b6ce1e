package org.rlgan.render.gan;

/**
 * One picture of GAN training, as plain data for the renderer thread: for 2-D data the real and generated samples
 * and the discriminator's decision surface over a square grid; for images the generator's samples on the fixed
 * noise. Arrays are owned by the frame (made for it; never changed after publishing).
 *
 * @param step the trainer's step
 * @param real real samples [n][2] (2-D data), or empty
 * @param fake generated samples on the fixed noise [n][2] (2-D data), or empty
 * @param surface D over the grid, row-major from the top row (y = yMax) to the bottom, {@code res × res} values
 *     in [0, 1] (1: judged real); empty for images
 * @param res the surface grid's side
 * @param bounds {xMin, xMax, yMin, yMax} of the 2-D view
 * @param images generated images [n][h·w·c], channel last, values in [−1, 1]; empty for 2-D data
 * @param imageShape {h, w, c} of the images (c = 1 or 3), or empty
 * @param caption one line of text (losses, scores)
 */
public record GanFrame(long step, double[][] real, double[][] fake, double[] surface, int res, double[] bounds,
    float[][] images, int[] imageShape, String caption) {

  /** True for a 2-D frame (points and surface), false for an image frame. */
  public boolean twoD() {
    return images.length == 0;
  }
}
