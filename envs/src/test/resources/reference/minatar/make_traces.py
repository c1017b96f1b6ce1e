"""Records MinAtar parity traces from the reference implementation (kenjyoung/MinAtar, minatar/environments/*.py).

Run with the reference package importable (PYTHONPATH=<MinAtar checkout>) and NumPy: python3 make_traces.py OUTDIR

The games' numpy RandomState is replaced by a scripted generator (SplitMix64, u = (x >>> 11) * 2^-53; an integer
in [0, n) is int(u * n)) that MinAtarParityTest re-implements, so the Java rules must consume the very same draws
in the very same order to reproduce the traces. Sticky actions (p = 0.1; 0 for Breakout) are applied as minatar.Environment.act does,
drawing from the same generator. Each line: 'R crc' after a reset, 'a applied r terminal crc' after a step, where crc
is zlib.crc32 of state().astype(uint8) in C order (10, 10, C).
"""
import random
import sys
import zlib
from importlib import import_module

import numpy as np

M = (1 << 64) - 1


class ScriptRNG:
    def __init__(self, seed):
        self.s = seed & M

    def next_u64(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)

    def rand(self):
        return (self.next_u64() >> 11) * 2.0 ** -53

    def _int(self, n):
        return int(self.rand() * n)

    def randint(self, low, high=None, size=None):
        if high is None:
            low, high = 0, low
        if size is None:
            return low + self._int(high - low)
        return np.array([low + self._int(high - low) for _ in range(size)])

    def choice(self, a, size=None):
        vals = list(range(a)) if isinstance(a, int) else list(a)
        if size is None:
            return vals[self._int(len(vals))]
        return np.array([vals[self._int(len(vals))] for _ in range(size)])


def policy(game, env, pick):
    """Recorded actions; biased so episodes last long enough to reach refills, crossings, surfacing and ramps."""
    if game == 'breakout' and pick.random() < 0.95:
        target = env.ball_x + (1 if env.ball_dir in (1, 2) else -1) if env.ball_y >= 6 else env.ball_x
        return 1 if target < env.pos else 3 if target > env.pos else 0
    if game == 'freeway' and pick.random() < 0.7:
        return 2
    if game == 'seaquest':
        if env.sub_y > 0 and (env.diver_count >= 6 or (env.diver_count != 0 and env.oxygen < 80)):
            return 2
        if env.sub_y == 0 and pick.random() < 0.9:
            return 4
        return pick.choice([0, 1, 3, 4, 5, 5, 1, 3])
    if game == 'space_invaders' and pick.random() < 0.4:
        return 5
    return pick.randrange(6)


def crc(env):
    return zlib.crc32(np.ascontiguousarray(env.state().astype(np.uint8)).tobytes())


def record(game, seed, steps, out, sticky=0.1):
    env = import_module('minatar.environments.' + game).Env(ramping=True)
    rng = ScriptRNG(seed)
    env.random = rng
    pick = random.Random(seed)
    last = 0
    env.reset()
    lines = ['# %s scripted-seed %d sticky %s ramping true' % (game, seed, sticky), 'R %d' % crc(env)]
    for _ in range(steps):
        a = policy(game, env, pick)
        applied = last if rng.rand() < sticky else a
        last = applied
        r, t = env.act(applied)
        lines.append('%d %d %d %d %d' % (a, applied, int(r), int(t), crc(env)))
        if t:
            env.reset()
            lines.append('R %d' % crc(env))
    with open('%s/%s.txt' % (out, game), 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    out = sys.argv[1]
    # Breakout without stickiness (longer episodes); the rest at the default 0.1.
    for game, steps, sticky in [('asterix', 4000, 0.1), ('breakout', 4000, 0.0), ('freeway', 5200, 0.1),
                                ('seaquest', 6000, 0.1), ('space_invaders', 4000, 0.1)]:
        record(game, 2024, steps, out, sticky)
