package org.rlgan.mdp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rlgan.mdp.spaces.Discrete;

class EpisodeGuardTest {

  @Test
  void misuseSaysWhatToDo() {
    EpisodeGuard g = new EpisodeGuard("Toy-v0", EpisodeGuard.AfterEnd.FORBID);
    Discrete space = new Discrete(2);
    ResetNeededException before = assertThrows(ResetNeededException.class, () -> g.beforeStep(space, 0));
    assertTrue(before.getMessage().contains("Toy-v0: step() was called before reset(); call reset(seed) first"));
    g.onReset();
    InvalidActionException bad = assertThrows(InvalidActionException.class, () -> g.beforeStep(space, 2));
    assertTrue(bad.getMessage().contains("action 2 is not in the action space Discrete(2)"), bad.getMessage());
    g.beforeStep(space, 1);
    g.afterStep(true, false);
    ResetNeededException after = assertThrows(ResetNeededException.class, () -> g.beforeStep(space, 0));
    assertTrue(after.getMessage().contains("after the episode terminated at step 1"), after.getMessage());
    g.onReset();
    g.beforeStep(space, 0);
  }

  @Test
  void allowedAfterEndWhereTheEnvDefinesIt() {
    EpisodeGuard g = new EpisodeGuard("CartPole-v1", EpisodeGuard.AfterEnd.ALLOW);
    g.onReset();
    g.afterStep(false, true);
    g.beforeStep(new Discrete(2), 0);
    assertTrue(g.ended());
  }
}
