package org.rlgan.envs.toytext;

import java.util.List;
import java.util.OptionalInt;
import org.rlgan.envs.Scene;

/**
 * A grid world snapshot (FrozenLake, CliffWalking): the cells row by row as letters, the agent's cell and the
 * last action (empty right after a reset).
 *
 * <p>Cell letters: FrozenLake {@code S} start, {@code F} frozen, {@code H} hole, {@code G} goal; CliffWalking
 * {@code S} start, {@code o} ground, {@code C} cliff, {@code G} goal.
 *
 * @param env the environment family, {@code "frozen_lake"} or {@code "cliff_walking"}
 * @param cells {@code rows} strings of {@code cols} letters each
 * @param actionNames the names of the actions, by index (for a renderer's arrow or caption)
 */
public record GridScene(String env, int rows, int cols, List<String> cells, int agentRow, int agentCol,
    OptionalInt lastAction, List<String> actionNames) implements Scene {

  public GridScene {
    cells = List.copyOf(cells);
    actionNames = List.copyOf(actionNames);
  }

  /** The letter of cell (row, col). */
  public char cell(int row, int col) {
    return cells.get(row).charAt(col);
  }

  @Override
  public String kind() {
    return "grid";
  }
}
