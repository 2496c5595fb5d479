"""The benchmark database, for the helper scripts: one query, one value.
   query(engine, target, sql) where engine is sqlite (target: a file path) or postgres
   (target: "Host=…;Port=…;Username=…;Database=…"); returns the first column of the first row as text,
   or None when the query fails (a table that does not exist yet, say)."""
import os, sqlite3, subprocess


def query(engine, target, sql):
    if engine == "sqlite":
        try:
            row = sqlite3.connect(f"file:{target}?mode=ro", uri=True).execute(sql).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None or row[0] is None else str(row[0])
    parts = dict(p.split("=", 1) for p in target.split(";") if "=" in p)
    get = lambda *keys, default="": next((v for k, v in parts.items() if k.lower() in keys), default)
    cmd = ["psql", "-h", get("host", "server"), "-p", get("port", default="5432"), "-U", get("username", "user id", "userid", default="postgres"),
           "-d", get("database", "db"), "-tAc", sql]
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PGPASSWORD": get("password")})
    if out.returncode != 0:
        return None
    text = out.stdout.strip()
    return text or None
