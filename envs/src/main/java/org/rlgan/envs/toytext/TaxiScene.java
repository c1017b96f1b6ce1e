package org.rlgan.envs.toytext;

import java.util.List;
import java.util.OptionalInt;
import org.rlgan.envs.Scene;

/**
 * A Taxi snapshot: the 7-line map (walls {@code |}, passable {@code :}), the taxi's cell, where the passenger is
 * (0–3 one of {@link #locations()}, 4 in the taxi), the destination (0–3) and the last action.
 *
 * @param map Gymnasium's {@code MAP}, cell (r, c) drawn at line r+1, column 2c+1
 * @param locations the four stops R, G, Y, B as {row, col}
 */
public record TaxiScene(List<String> map, int taxiRow, int taxiCol, int passenger, int destination,
    OptionalInt lastAction, List<int[]> locations) implements Scene {

  public TaxiScene {
    map = List.copyOf(map);
    locations = locations.stream().map(int[]::clone).toList();
  }

  /** True when the passenger rides in the taxi. */
  public boolean passengerInTaxi() {
    return passenger == 4;
  }

  @Override
  public String kind() {
    return "taxi";
  }
}
