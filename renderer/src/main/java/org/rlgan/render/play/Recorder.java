package org.rlgan.render.play;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes rendered frames to disk: an animated GIF (javax.imageio's GIF writer, a frame delay from the frame rate
 * and the NETSCAPE2.0 extension so that viewers loop it forever) for a path ending in {@code .gif}, numbered PNG
 * frames otherwise ({@code out.png} gives {@code out-00000.png, out-00001.png, ...}; a directory gives
 * {@code DIR/frame-00000.png, ...}).
 */
public final class Recorder implements AutoCloseable {

  private final Path path;
  private final boolean gif;
  private final int delayCs;
  private ImageWriter writer;
  private ImageOutputStream out;
  private int frames;

  private Recorder(Path path, boolean gif, int delayCs) {
    this.path = path;
    this.gif = gif;
    this.delayCs = delayCs;
  }

  /**
   * A recorder for {@code path}; {@code fps} sets the GIF's frame delay (GIF counts in hundredths of a second, so
   * rates above 50 play at 50).
   */
  public static Recorder open(Path path, double fps) throws IOException {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gif = name.endsWith(".gif");
    Path parent = path.toAbsolutePath().getParent();
    if (gif || name.endsWith(".png")) {
      Files.createDirectories(parent);
    } else {
      Files.createDirectories(path);
    }
    Recorder r = new Recorder(path, gif, Math.max(2, (int) Math.round(100 / Math.max(1e-3, fps))));
    if (gif) {
      r.writer = ImageIO.getImageWritersBySuffix("gif").next();
      Files.deleteIfExists(path);
      r.out = ImageIO.createImageOutputStream(path.toFile());
      r.writer.setOutput(r.out);
      r.writer.prepareWriteSequence(null);
    }
    return r;
  }

  /** Frames written so far. */
  public int frames() {
    return frames;
  }

  /** The file or folder written. */
  public Path path() {
    return path;
  }

  /** Appends one frame of ARGB pixels (row-major from the top). */
  public void frame(int[] argb, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, width, height, argb, 0, width);
    try {
      if (gif) {
        writeGif(img);
      } else {
        ImageIO.write(img, "png", pngPath(frames).toFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write frame " + frames + " to " + path, e);
    }
    frames++;
  }

  /** The file of PNG frame {@code i}. */
  Path pngPath(int i) {
    String name = path.getFileName().toString();
    if (name.toLowerCase(Locale.ROOT).endsWith(".png")) {
      return path.resolveSibling(name.substring(0, name.length() - 4) + String.format(Locale.ROOT, "-%05d.png", i));
    }
    return path.resolve(String.format(Locale.ROOT, "frame-%05d.png", i));
  }

  private void writeGif(BufferedImage img) throws IOException {
    ImageWriteParam param = writer.getDefaultWriteParam();
    IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
    String format = meta.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    IIOMetadataNode gce = child(root, "GraphicControlExtension");
    gce.setAttribute("disposalMethod", "none");
    gce.setAttribute("userInputFlag", "FALSE");
    gce.setAttribute("transparentColorFlag", "FALSE");
    gce.setAttribute("delayTime", Integer.toString(delayCs));
    gce.setAttribute("transparentColorIndex", "0");
    if (frames == 0) {
      IIOMetadataNode apps = child(root, "ApplicationExtensions");
      IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
      app.setAttribute("applicationID", "NETSCAPE");
      app.setAttribute("authenticationCode", "2.0");
      app.setUserObject(new byte[] {1, 0, 0});   // sub-block 1: loop count 0 = forever
      apps.appendChild(app);
    }
    meta.setFromTree(format, root);
    writer.writeToSequence(new IIOImage(img, null, meta), param);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode n = new IIOMetadataNode(name);
    root.appendChild(n);
    return n;
  }

  @Override
  public void close() throws IOException {
    if (gif && writer != null) {
      try {
        writer.endWriteSequence();
      } finally {
        writer.dispose();
        out.close();
        writer = null;
      }
    }
  }
}
