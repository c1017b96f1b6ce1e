package org.rlgan.mdp.bench;

import java.util.Locale;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.Problems;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.mdp.solve.ValueIteration;

/**
 * The solver benchmark of docs/PERFORMANCE.md (run by bench/mdp-solvers.sh; not a test):
 *
 * <ul>
 *   <li>{@code forest-pi S γ}: policy iteration on pymdptoolbox's forest(S) (r1 = 4, r2 = 2, p = 0.1);
 *   <li>{@code sparse-vi S A K γ tol}: synchronous value iteration on a sparse random MDP with K successors per
 *       (s, a), until ‖V − V*‖∞ ≤ tol is guaranteed.
 * </ul>
 *
 * Prints one JSON line per repeat: build and solve seconds, iterations, residual, bound, heap used.
 */
public final class SolverBench {

  private SolverBench() {}

  public static void main(String[] args) {
    String what = args[0];
    int repeats = Integer.parseInt(System.getProperty("repeats", "3"));
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      FiniteMdp m;
      Solution s;
      long t1;
      if (what.equals("forest-pi")) {
        m = Problems.forest(Integer.parseInt(args[1]), 4, 2, 0.1);
        t1 = System.nanoTime();
        s = new PolicyIteration(PolicyIteration.Config.of(Double.parseDouble(args[2]))).solve(m);
      } else if (what.equals("sparse-vi")) {
        m = Problems.randomSparse(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), 1);
        t1 = System.nanoTime();
        s = new ValueIteration(ValueIteration.Config.of(Double.parseDouble(args[4]))
            .withTolerance(Double.parseDouble(args[5]))).solve(m);
      } else {
        throw new IllegalArgumentException("unknown benchmark " + what + "; use forest-pi or sparse-vi");
      }
      long t2 = System.nanoTime();
      Runtime rt = Runtime.getRuntime();
      long used = rt.totalMemory() - rt.freeMemory();
      System.out.println(String.format(Locale.ROOT,
          "{\"bench\": \"%s\", \"states\": %d, \"entries\": %d, \"build_s\": %.3f, \"solve_s\": %.3f, "
              + "\"iterations\": %d, \"residual\": %.3e, \"bound\": %.3e, \"heap_used_mb\": %d, \"v0\": %.10f}",
          what, m.states(), m.entryCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, s.iterations(), s.residual(), s.bound(),
          used >> 20, s.value(0)));
      m = null;
      s = null;
      System.gc();
    }
  }
}
