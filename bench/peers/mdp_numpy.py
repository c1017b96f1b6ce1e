#!/usr/bin/env python3
"""Peer for bench/mdp-solvers.sh: the same two solver workloads written the way a careful NumPy/SciPy user
would (vectorised, scipy.sparse CSR per action), since pymdptoolbox itself is not installable here (no PyPI) and
its own dense code needs 460 s for forest(10,000) (measured on this machine, issue 3).

  forest-pi S gamma           policy iteration on mdptoolbox.example.forest(S) with scipy.sparse.linalg.spsolve
  sparse-vi S A K gamma tol   value iteration, K random successors per (s, a), stopped by the same MacQueen
                              bound as ours (V* within tol); the model generator differs (NumPy's), same shape

One JSON line per repeat. Run with OMP_NUM_THREADS=1 (one BLAS thread, as ours)."""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def forest(S, r1=4.0, r2=2.0, p=0.1):
    rows = np.arange(S)
    older = np.minimum(rows + 1, S - 1)
    wait = sp.csr_matrix((np.r_[np.full(S, p), np.full(S, 1 - p)], (np.r_[rows, rows], np.r_[np.zeros(S, int), older])),
                         shape=(S, S))
    cut = sp.csr_matrix((np.ones(S), (rows, np.zeros(S, int))), shape=(S, S))
    R = np.zeros((S, 2))
    R[S - 1, 0] = r1
    R[:, 1] = 1.0
    R[0, 1] = 0.0
    R[S - 1, 1] = r2
    return [wait, cut], R


def forest_pi(S, gamma):
    t0 = time.perf_counter()
    P, R = forest(S)
    A = len(P)
    t1 = time.perf_counter()
    policy = R.argmax(axis=1)
    it = 0
    eye = sp.identity(S, format="csr")
    while True:
        it += 1
        Pp = sum(sp.diags((policy == a).astype(float)) @ P[a] for a in range(A)).tocsr()
        Rp = R[np.arange(S), policy]
        V = spla.spsolve((eye - gamma * Pp).tocsc(), Rp)
        Q = np.stack([R[:, a] + gamma * P[a].dot(V) for a in range(A)], axis=1)
        new = Q.argmax(axis=1)
        if (new == policy).all() or it >= 1000:
            break
        policy = new
    t2 = time.perf_counter()
    return dict(bench="forest-pi", states=S, build_s=t1 - t0, solve_s=t2 - t1, iterations=it, v0=float(V[0]))


def sparse_vi(S, A, K, gamma, tol):
    t0 = time.perf_counter()
    rng = np.random.default_rng(1)
    P = []
    for a in range(A):
        cols = np.empty((S, K), dtype=np.int64)
        for j in range(K):  # distinct successors: redraw collisions
            c = rng.integers(0, S, S)
            while j and (dup := (cols[:, :j] == c[:, None]).any(axis=1)).any():
                c[dup] = rng.integers(0, S, dup.sum())
            cols[:, j] = c
        w = rng.random((S, K)) + 1e-3
        w /= w.sum(axis=1, keepdims=True)
        P.append(sp.csr_matrix((w.ravel(), cols.ravel(), np.arange(0, S * K + 1, K)), shape=(S, S)))
    R = rng.random((S, A)) * 2 - 1
    t1 = time.perf_counter()
    V = np.zeros(S)
    c = gamma / (1 - gamma)
    it = 0
    while True:
        it += 1
        W = np.max(np.stack([R[:, a] + gamma * P[a].dot(V) for a in range(A)], axis=1), axis=1)
        d = W - V
        lo, hi = c * d.min(), c * d.max()
        V = W
        if (hi - lo) / 2 <= tol:
            V = W + (lo + hi) / 2
            break
    t2 = time.perf_counter()
    return dict(bench="sparse-vi", states=S, entries=S * A * K, build_s=t1 - t0, solve_s=t2 - t1, iterations=it,
                bound=(hi - lo) / 2)


def main():
    what, args = sys.argv[1], sys.argv[2:]
    repeats = int(__import__("os").environ.get("REPEATS", "3"))
    for _ in range(repeats):
        if what == "forest-pi":
            r = forest_pi(int(args[0]), float(args[1]))
        elif what == "sparse-vi":
            r = sparse_vi(int(args[0]), int(args[1]), int(args[2]), float(args[3]), float(args[4]))
        else:
            raise SystemExit("unknown benchmark " + what)
        import resource
        r["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
        print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
