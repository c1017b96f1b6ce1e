package org.rlgan.nets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The header literal parser accepts what {@code ast.literal_eval} accepts for {@code .npy} headers. */
class PyLiteralTest {
  private static BigInteger i(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void parsesNumPyHeaders() throws Exception {
    Object d = PyLiteral.parse("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }   \n");
    assertEquals(
        Map.of("descr", "<f4", "fortran_order", false, "shape", new PyLiteral.Tuple(List.of(i(2), i(3)))), d);
  }

  @Test
  void tuplesFollowPythonRules() throws Exception {
    assertEquals(new PyLiteral.Tuple(List.of()), PyLiteral.parse("()"));
    assertEquals(new PyLiteral.Tuple(List.of(i(5))), PyLiteral.parse("(5,)"));
    assertEquals(new PyLiteral.Tuple(List.of(i(1), i(2))), PyLiteral.parse("(1L, 2L)"));
    assertThrows(PyLiteral.SyntaxException.class, () -> PyLiteral.parse("(5)"));
  }

  @Test
  void otherLiterals() throws Exception {
    assertEquals("a'b", PyLiteral.parse("\"a'b\""));
    assertEquals(List.of("x", i(-7), true, PyLiteral.NONE), PyLiteral.parse("['x', -7, True, None]"));
    assertEquals(new BigInteger("123456789012345678901234567890"), PyLiteral.parse("123456789012345678901234567890"));
  }

  @Test
  void rejectsWhatIsNotALiteral() {
    for (String bad : new String[] {"", "{'a': 1", "{'a' 1}", "__import__('os')", "'open", "{'a': 1} x", "1 + 2"}) {
      assertThrows(PyLiteral.SyntaxException.class, () -> PyLiteral.parse(bad), bad);
    }
  }
}
