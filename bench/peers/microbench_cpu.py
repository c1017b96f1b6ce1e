#!/usr/bin/python3
"""microbench.py timed on the process's CPU time instead of the wall clock.

    /usr/bin/python3 bench/peers/microbench_cpu.py BASELINES_DIR [microbench.py options...]

Runs ../shared/baselines/microbench.py unchanged except for its clock: `time.perf_counter` becomes
`time.process_time` (the CPU time of every thread of the process), so each rate is iterations per CPU second.
This is the peer of our harnesses under -Drlgan.bench.clock=process (the JVM's process CPU time, GC threads
included). On a shared machine the wall clock swings with the neighbours' load; the CPU time swings far less.
"""
import runpy
import sys
import time

if len(sys.argv) < 2:
    sys.exit("usage: microbench_cpu.py BASELINES_DIR [microbench.py options...]")
baselines = sys.argv[1]
time.perf_counter = time.process_time  # microbench.py calls time.perf_counter() through the time module
sys.argv = [f"{baselines}/microbench.py"] + sys.argv[2:]
runpy.run_path(f"{baselines}/microbench.py", run_name="__main__")
