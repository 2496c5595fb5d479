#!/usr/bin/env bash
# References for the load benchmark (issue #5), measured in the same run as the load so that its
# figures can be reported as ratios:
#   (a) the database alone running the exact SQL of a home-feed page and of a sphere-feed page
#       (captured from the app by bench/FeedSql; pgbench on PostgreSQL, a tight loop on SQLite),
#   (b) the HTTP ceiling of this machine: wrk against GET /health/live of a running server.
#
#   bench/references.sh [--seconds N] sqlite|postgres OUTDIR [BASE_URL]
#
# The database is the server's: Database__Provider and Database__ConnectionString, as for the
# server (Database__Provider defaults to ENGINE when unset). On PostgreSQL, pgbench and psql
# connect with host, port, user, password and database taken from the connection string
# (Host/Server, Port, Username/User Id, Password, Database); PGHOST, PGPORT, PGUSER, PGPASSWORD
# and PGDATABASE, when set, take precedence. On SQLite the file is the connection string's Data Source.
# Only reads: nothing is written to the database.
#
# BASE_URL (optional) is a running Enclave server on loopback (127.x.x.x, localhost, [::1]).
# Each timed run lasts --seconds or REF_SECONDS (default 15); REF_SAMPLES (default 20) pages of
# each feed are captured; REF_PGBENCH_MODE (default prepared) is pgbench's -M. Writes OUTDIR/references.json
# ({"homeFeedSql":…,"sphereFeedSql":…,"http":…|null}), keeps the captured SQL in OUTDIR/feed-sql/
# and each tool's raw output in OUTDIR/*.txt, and prints a one-line summary.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_RUN="${REF_SECONDS:-15}"
SAMPLES="${REF_SAMPLES:-20}"
# prepared: each statement planned once per connection (the database's best case). The server's
# Npgsql sends unprepared parameterized statements, planned every time: REF_PGBENCH_MODE=extended
# measures that (on the small world, planning was about 40% of a home-feed page's database time).
PGBENCH_MODE="${REF_PGBENCH_MODE:-prepared}"
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --seconds=*) SECONDS_PER_RUN="${1#*=}"; shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
set -- "${ARGS[@]}"
if [ $# -lt 2 ] || { [ "$1" != sqlite ] && [ "$1" != postgres ]; }; then
  echo "usage: bench/references.sh [--seconds N] sqlite|postgres OUTDIR [BASE_URL]" >&2; exit 2
fi
ENGINE="$1"; OUT="$2"; BASE_URL="${3:-}"
case "$PGBENCH_MODE" in simple|extended|prepared) ;; *) echo "REF_PGBENCH_MODE: simple, extended or prepared" >&2; exit 2 ;; esac
[[ "$SECONDS_PER_RUN" =~ ^[1-9][0-9]*$ ]] || { echo "--seconds must be a positive integer" >&2; exit 2; }

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'references: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else log "need root to run: $*"; return 1
  fi
}
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "missing $* and no apt-get: install it by hand"
  log "apt-get install $*"
  as_root apt-get update -qq </dev/null
  as_root apt-get install -y -qq --no-install-recommends "$@" </dev/null >/dev/null
}

# --- the database, as the server sees it ------------------------------------------------------
PROVIDER="${Database__Provider:-}"
case "${PROVIDER,,}" in
  "") export Database__Provider=$([ "$ENGINE" = postgres ] && echo Postgres || echo Sqlite) ;;
  sqlite) [ "$ENGINE" = sqlite ] || die "Database__Provider is $PROVIDER but ENGINE is $ENGINE" ;;
  postgres) [ "$ENGINE" = postgres ] || die "Database__Provider is $PROVIDER but ENGINE is $ENGINE" ;;
  *) die "unknown Database__Provider: $PROVIDER" ;;
esac
CONNECTION="${Database__ConnectionString:-}"
[ "$ENGINE" = sqlite ] || [ -n "$CONNECTION" ] || die "Database__ConnectionString is required for postgres"

# Prints KEY=VALUE lines (shell-quoted) for the connection string's parts.
connection_parts() {
  python3 - "$1" "$2" <<'PY'
import shlex, sys
engine, text = sys.argv[1], sys.argv[2]
parts = {}
for item in text.split(';'):
    if '=' in item:
        key, value = item.split('=', 1)
        parts[key.strip().lower().replace(' ', '')] = value.strip()
def first(*keys, default=''):
    return next((parts[k] for k in keys if k in parts), default)
if engine == 'sqlite':
    out = {'DB_FILE': first('datasource', 'filename', default='./data/enclave.db')}
else:
    out = {'C_HOST': first('host', 'server', default='localhost'), 'C_PORT': first('port', default='5432'),
           'C_USER': first('username', 'userid', 'user', 'uid'), 'C_PASSWORD': first('password', 'pwd'),
           'C_DB': first('database', 'db')}
for k, v in out.items():
    print(f'{k}={shlex.quote(v)}')
PY
}
eval "$(connection_parts "$ENGINE" "$CONNECTION")"
if [ "$ENGINE" = postgres ]; then
  export PGHOST="${PGHOST:-$C_HOST}" PGPORT="${PGPORT:-$C_PORT}" PGUSER="${PGUSER:-$C_USER}" PGDATABASE="${PGDATABASE:-$C_DB}"
  if [ -z "${PGPASSWORD:-}" ] && [ -n "$C_PASSWORD" ]; then export PGPASSWORD="$C_PASSWORD"; fi
  command -v pgbench >/dev/null 2>&1 || die "pgbench not found (it comes with PostgreSQL: apt-get install postgresql-client)"
else
  [ -f "$DB_FILE" ] || die "no SQLite database at $DB_FILE"
fi

# --- the HTTP target must be this machine ----------------------------------------------------
if [ -n "$BASE_URL" ]; then
  BASE_URL="${BASE_URL%/}"
  HOST=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).hostname or "")' "$BASE_URL")
  case "$HOST" in
    localhost|::1|127.*) ;;
    *) die "BASE_URL must be on loopback (127.x.x.x, localhost, [::1]), not '$HOST'" ;;
  esac
  command -v wrk >/dev/null 2>&1 || apt_install wrk
  curl -fsS -m 5 "$BASE_URL/health/live" >/dev/null || die "no server answering $BASE_URL/health/live"
fi

mkdir -p "$OUT"
CAPTURE="$OUT/feed-sql"
rm -rf "$CAPTURE"

# --- the exact SQL of the pages ----------------------------------------------------------------
DLL="$ROOT/bench/FeedSql/bin/Release/net10.0/FeedSql.dll"
if [ ! -f "$DLL" ] || [ -n "$(find "$ROOT/bench/FeedSql" "$ROOT/src/Enclave.Server" -newer "$DLL" \( -name '*.cs' -o -name '*.csproj' -o -name '*.sql' \) -print -quit)" ]; then
  log "building bench/FeedSql (Release)"
  dotnet build "$ROOT/bench/FeedSql" -c Release -v q -nologo >/dev/null
fi
log "capturing the feed pages' SQL ($SAMPLES samples)"
timeout 600 dotnet "$DLL" capture --out "$CAPTURE" --samples "$SAMPLES" | tee "$OUT/capture.txt" >&2

statements() { jq "[.samples[].$1 | length] | add / length | . + 0.5 | floor" "$CAPTURE/capture.json"; }
HOME_STATEMENTS=$(statements homeFeed)
SPHERE_STATEMENTS=$(statements sphereFeed)
COUNT=$(jq '.samples | length' "$CAPTURE/capture.json")

# Sets RUN_PPS and RUN_MS from pgbench's report (refused if a transaction failed).
pgbench_run() {
  local kind="$1" log_file="$OUT/pgbench-$1.txt" scripts=() script
  for script in "$CAPTURE/$kind"-*.sql; do
    # Each script is checked once on its own: it runs to the end and returns rows.
    timeout 60 psql -X -q -v ON_ERROR_STOP=1 -At -f "$script" >"$OUT/psql-check.txt" 2>&1 \
      || { tail -5 "$OUT/psql-check.txt" >&2; die "$script failed in psql"; }
    [ -s "$OUT/psql-check.txt" ] || die "$script returned no rows"
    scripts+=(-f "$script")
  done
  rm -f "$OUT/psql-check.txt"
  log "pgbench: $kind feed, $(( ${#scripts[@]} / 2 )) scripts, ${SECONDS_PER_RUN}s"
  timeout $((SECONDS_PER_RUN + 120)) pgbench -n -M "$PGBENCH_MODE" -c 4 -j 2 -T "$SECONDS_PER_RUN" "${scripts[@]}" >"$log_file" 2>&1 \
    || { tail -20 "$log_file" >&2; die "pgbench failed ($kind)"; }
  local processed failed
  processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$log_file")
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$log_file")
  RUN_PPS=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$log_file")
  RUN_MS=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$log_file")
  [ -n "$processed" ] && [ "$processed" -gt 0 ] && [ "${failed:-0}" -eq 0 ] && [ -n "$RUN_PPS" ] && [ -n "$RUN_MS" ] \
    || { tail -20 "$log_file" >&2; die "pgbench ($kind): no usable result"; }
  log "pgbench $kind: $processed pages, tps $RUN_PPS, latency average $RUN_MS ms"
}

if [ "$ENGINE" = postgres ]; then
  TOOL="pgbench -M $PGBENCH_MODE -c 4 -j 2 -T $SECONDS_PER_RUN ($COUNT scripts)"
  pgbench_run home; HOME_PPS="$RUN_PPS"; HOME_MS="$RUN_MS"
  pgbench_run sphere; SPHERE_PPS="$RUN_PPS"; SPHERE_MS="$RUN_MS"
else
  TOOL="FeedSql sqlite-loop --threads 2 --seconds $SECONDS_PER_RUN ($COUNT samples)"
  log "sqlite-loop: ${SECONDS_PER_RUN}s per feed, 2 threads"
  timeout $((2 * SECONDS_PER_RUN + 300)) dotnet "$DLL" sqlite-loop --capture "$CAPTURE/capture.json" --db "$DB_FILE" \
    --seconds "$SECONDS_PER_RUN" --threads 2 >"$OUT/sqlite-loop.txt"
  HOME_PPS=$(jq -e '.homeFeed.pagesPerSecond' "$OUT/sqlite-loop.txt"); HOME_MS=$(jq -e '.homeFeed.avgLatencyMs' "$OUT/sqlite-loop.txt")
  SPHERE_PPS=$(jq -e '.sphereFeed.pagesPerSecond' "$OUT/sqlite-loop.txt"); SPHERE_MS=$(jq -e '.sphereFeed.avgLatencyMs' "$OUT/sqlite-loop.txt")
fi

# --- the HTTP ceiling ---------------------------------------------------------------------------
HTTP_RPS=""; HTTP_P99=""
if [ -n "$BASE_URL" ]; then
  log "wrk -t2 -c64 -d${SECONDS_PER_RUN}s --latency $BASE_URL/health/live"
  timeout $((SECONDS_PER_RUN + 60)) wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency "$BASE_URL/health/live" >"$OUT/wrk.txt" 2>&1 \
    || { cat "$OUT/wrk.txt" >&2; die "wrk failed"; }
  if grep -q "Non-2xx or 3xx responses\|Socket errors" "$OUT/wrk.txt"; then
    cat "$OUT/wrk.txt" >&2; die "wrk saw errors or non-2xx answers: the ceiling would be wrong"
  fi
  HTTP_RPS=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$OUT/wrk.txt")
  # "99%    1.23ms" (wrk's units: us, ms, s) in milliseconds.
  HTTP_P99=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    m = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v; printf "%.3f", m }' "$OUT/wrk.txt")
  [ -n "$HTTP_RPS" ] && [ -n "$HTTP_P99" ] || { cat "$OUT/wrk.txt" >&2; die "could not read wrk's result"; }
fi

# --- references.json -----------------------------------------------------------------------------
jq -n --arg tool "$TOOL" \
  --argjson homePps "$HOME_PPS" --argjson homeMs "$HOME_MS" --argjson homeStatements "$HOME_STATEMENTS" \
  --argjson spherePps "$SPHERE_PPS" --argjson sphereMs "$SPHERE_MS" --argjson sphereStatements "$SPHERE_STATEMENTS" \
  --arg rps "$HTTP_RPS" --arg p99 "$HTTP_P99" --arg wrk "wrk -t2 -c64 -d${SECONDS_PER_RUN}s" '{
    homeFeedSql: { tool: $tool, pagesPerSecond: $homePps, avgLatencyMs: $homeMs, statementsPerPage: $homeStatements },
    sphereFeedSql: { tool: $tool, pagesPerSecond: $spherePps, avgLatencyMs: $sphereMs, statementsPerPage: $sphereStatements },
    http: (if $rps == "" then null else
      { tool: $wrk, endpoint: "/health/live", requestsPerSecond: ($rps | tonumber), p99Ms: ($p99 | tonumber) } end)
  }' >"$OUT/references.json"

printf 'references (%s, %ss): home feed SQL %s pages/s (%s ms, %s statements), sphere feed SQL %s pages/s (%s ms, %s statements), HTTP %s -> %s\n' \
  "$ENGINE" "$SECONDS_PER_RUN" "$HOME_PPS" "$HOME_MS" "$HOME_STATEMENTS" "$SPHERE_PPS" "$SPHERE_MS" "$SPHERE_STATEMENTS" \
  "$([ -n "$HTTP_RPS" ] && echo "$HTTP_RPS req/s, p99 $HTTP_P99 ms" || echo "not measured")" "$OUT/references.json"
