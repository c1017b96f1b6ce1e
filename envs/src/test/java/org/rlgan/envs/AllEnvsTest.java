package org.rlgan.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlgan.mdp.Env;

/** The environment checker over every registered id, and the scene promise. */
class AllEnvsTest {

  static List<String> ids() {
    return Registry.builtin().ids();
  }

  @ParameterizedTest
  @MethodSource("ids")
  @SuppressWarnings("unchecked")
  void passesTheChecker(String id) {
    Env<Object, Object> a = (Env<Object, Object>) Registry.builtin().make(id);
    Env<Object, Object> b = (Env<Object, Object>) Registry.builtin().make(id);
    assertEquals(List.of(), EnvChecker.check(a, b, 500, 17));
    a.reset(3);
    assertInstanceOf(HasScene.class, a.unwrapped(), id + " describes its scene");
    assertEquals(Registry.builtin().spec(id).id(), a.spec().id(), "an alias makes the env it names");
  }
}
