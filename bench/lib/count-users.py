#!/usr/bin/env python3
"""Prints how many accounts the benchmark database holds (0 when it has no schema yet).
   count-users.py sqlite PATH | count-users.py postgres "Host=…;Port=…;Username=…;Database=…" """
import sqlite3, subprocess, sys

engine, target = sys.argv[1], sys.argv[2]
if engine == "sqlite":
    try:
        print(sqlite3.connect(f"file:{target}?mode=ro", uri=True).execute("select count(*) from users").fetchone()[0])
    except sqlite3.Error:
        print(0)
else:
    parts = dict(p.split("=", 1) for p in target.split(";") if "=" in p)
    get = lambda *keys, default="": next((v for k, v in parts.items() if k.lower() in keys), default)
    env = {"PGPASSWORD": get("password")}
    cmd = ["psql", "-h", get("host", "server"), "-p", get("port", default="5432"), "-U", get("username", "user id", "userid", default="postgres"),
           "-d", get("database", "db"), "-tAc"]
    def run(sql):
        out = subprocess.run(cmd + [sql], capture_output=True, text=True, env={**__import__("os").environ, **env})
        if out.returncode != 0:
            sys.exit(f"count-users: {out.stderr.strip()}")
        return out.stdout.strip()
    # Two statements: a count over a table that does not exist yet fails at parse time.
    print(0 if run("select to_regclass('users') is null") == "t" else run("select count(*) from users"))
