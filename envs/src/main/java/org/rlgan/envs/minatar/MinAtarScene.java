package org.rlgan.envs.minatar;

import java.util.Arrays;
import java.util.List;
import org.rlgan.envs.Scene;

/**
 * What a MinAtar game shows: its name, its channel names (the renderer colours channel {@code c} by its name or its
 * index, as the reference's cubehelix palette does) and the 10×10×C grid, row-major with the channel last
 * ({@code cells[(y * 10 + x) * C + c]}), y = 0 the top row. Immutable: the grid is copied in and out.
 */
public record MinAtarScene(String game, List<String> channels, boolean[] cells) implements Scene {

  public MinAtarScene {
    channels = List.copyOf(channels);
    if (cells.length != MinAtarGame.SIZE * MinAtarGame.SIZE * channels.size()) {
      throw new IllegalArgumentException("MinAtarScene.cells has " + cells.length + " entries; a 10x10x"
          + channels.size() + " grid needs " + MinAtarGame.SIZE * MinAtarGame.SIZE * channels.size());
    }
    cells = cells.clone();
  }

  @Override
  public String kind() {
    return "minatar";
  }

  /** A copy of the grid. */
  @Override
  public boolean[] cells() {
    return cells.clone();
  }

  /** Rows and columns of the grid (10). */
  public int size() {
    return MinAtarGame.SIZE;
  }

  /** Whether channel {@code c} is active at row {@code y}, column {@code x}. */
  public boolean at(int y, int x, int c) {
    return cells[MinAtarGame.index(y, x, c, channels.size())];
  }

  /**
   * The channel shown at (y, x) as the reference's {@code display_state} picks it: the highest active channel
   * index, or -1 for an empty cell.
   */
  public int topChannel(int y, int x) {
    for (int c = channels.size() - 1; c >= 0; c--) {
      if (at(y, x, c)) {
        return c;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinAtarScene s && game.equals(s.game) && channels.equals(s.channels)
        && Arrays.equals(cells, s.cells);
  }

  @Override
  public int hashCode() {
    return (game.hashCode() * 31 + channels.hashCode()) * 31 + Arrays.hashCode(cells);
  }

  @Override
  public String toString() {
    return "MinAtarScene(" + game + ", " + channels + ")";
  }
}
