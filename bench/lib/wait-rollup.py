#!/usr/bin/env python3
"""Waits (at most LIMIT s) until the running servers' analytics rollup has counted every post, comment
   and reaction older than two minutes, so that a freshly seeded world's catch-up (millions of rows,
   counted in the background a minute after start-up) is not measured as load.
   wait-rollup.py LIMIT sqlite PATH | wait-rollup.py LIMIT postgres "Host=…;…"  — prints how long it waited."""
import sys, time
from benchdb import query

limit, engine, target = float(sys.argv[1]), sys.argv[2], sys.argv[3]
# (source, table, key column) as src/Enclave.Server/Analytics/ActivityRollup.cs reads them.
SOURCES = [("posts", "posts", '"FeedKey"'), ("comments", "comments", '"Id"'), ("reactions", "reactions", '"Id"')]
ZERO = "00000000-0000-0000-0000-000000000000"


def key_at(seconds):
    """The smallest UUIDv7 of that instant (ActivityRollup.KeyAt); upper case, as SQLite stores ids."""
    h = f"{int(seconds * 1000):012x}"
    key = f"{h[:8]}-{h[8:]}-7000-8000-000000000000"
    return key.upper() if engine == "sqlite" else key


def behind():
    """The first source with rows the rollup has not counted yet, or None."""
    bound = key_at(time.time() - 120)
    for source, table, key in SOURCES:
        mark = query(engine, target, f"select \"LastKey\" from rollup_watermarks where \"Source\" = '{source}'") or ZERO
        cast = "" if engine == "sqlite" else "::uuid"
        pending = query(engine, target, f"select count(*) from (select 1 from {table} where {key} > '{mark}'{cast} and {key} < '{bound}'{cast} limit 1) as t")
        if pending is None:
            return f"{source} (unreadable)"
        if pending != "0":
            return source
    return None


start = time.time()
while True:
    lag = behind()
    if lag is None:
        print(f"==> analytics rollup caught up after {time.time() - start:.0f} s")
        sys.exit(0)
    if time.time() - start > limit:
        print(f"==> analytics rollup still counting {lag} after {limit:.0f} s: measuring anyway")
        sys.exit(0)
    time.sleep(10)
