#!/usr/bin/env python3
"""Waits until the given processes together use less than 5% of a core over 5 s (at most LIMIT s).
   wait-idle.py LIMIT PID…  — prints how long it waited."""
import os, sys, time

limit, pids = float(sys.argv[1]), [int(p) for p in sys.argv[2:]]
hz = os.sysconf("SC_CLK_TCK")

def ticks():
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total

start = time.time()
while time.time() - start < limit:
    before = ticks(); time.sleep(5); used = (ticks() - before) / hz / 5
    if used < 0.05:
        print(f"==> servers idle after {time.time() - start:.0f} s")
        sys.exit(0)
print(f"==> servers still busy after {limit:.0f} s: measuring anyway")
