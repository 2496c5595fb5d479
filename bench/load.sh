#!/usr/bin/env bash
# The organization-scale load benchmark (docs/PERFORMANCE.md, issue #5).
#
#   bench/load.sh sqlite smoke          # tiny world, ~10 s of load: what ./test.sh runs
#   bench/load.sh sqlite full           # the 10,000-member world (seeded on first use)
#   ENCLAVE_BENCH_POSTGRES="Host=127.0.0.1;Port=55499;Username=postgres;Database=world" bench/load.sh postgres full
#   INSTANCES=2 ENCLAVE_BENCH_POSTGRES=... bench/load.sh postgres full   # scale-out: two servers, one database
#
# It builds Release, seeds the world when the database is empty, starts the server(s) on loopback
# (ports 5099, 5100, …; PORT moves them), measures start-up to ready, waits until the server is idle
# (the analytics rollup catches up on a fresh world), measures the references (bench/references.sh:
# the feed SQL alone, HTTP alone), runs bench/Load, and writes OUT (default bench/results/ENGINE-PROFILE-NOW)
# with result.json, result.md, references.json and the server logs.
#
# Knobs (environment): WORLD (SQLite file; default bench/worlds/sqlite-PROFILE.db, kept between runs),
# USERS (virtual users), STREAMS, STEPS, STEP_SECONDS, THINK_SECONDS, DELIVERY_POSTS, REF_SECONDS,
# INSTANCES, PORT, OUT, WAIT_ROLLUP (full: 1, wait for the analytics rollup to catch up). Everything is bounded: bench/Load stops itself after 45 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE="${1:-sqlite}"; PROFILE="${2:-smoke}"
PORT="${PORT:-5099}"; INSTANCES="${INSTANCES:-1}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$ROOT/bench/results/$ENGINE-$PROFILE-$STAMP}"
log() { printf '==> %s\n' "$*" >&2; }

case "$PROFILE" in
  smoke)
    SEED_ARGS=(--users 300 --organizations 5 --spheres 30 --posts 3000 --comments 3000)
    : "${USERS:=60}" "${STREAMS:=40}" "${STEPS:=mix@40,active@40}" "${STEP_SECONDS:=4}" "${THINK_SECONDS:=2}"
    : "${DELIVERY_POSTS:=3}" "${REF_SECONDS:=2}" "${WARMUP_SECONDS:=1}" "${WAIT_ROLLUP:=0}"
    WORLD_USERS=300 ;;
  full)
    if [ "$ENGINE" = postgres ]; then
      SEED_ARGS=(--users 100000 --organizations 50 --spheres 3000 --posts 2000000); WORLD_USERS=100000
      : "${USERS:=10000}" "${STREAMS:=10000}"
    else
      SEED_ARGS=(--users 10000 --organizations 20 --spheres 600 --posts 200000); WORLD_USERS=10000
      : "${USERS:=5000}" "${STREAMS:=5000}"
    fi
    # Rates the machine can serve first, then the targets' rates (a step past capacity leaves the server
    # draining for a few seconds, which would cloud the next low-rate step), then the active users.
    : "${STEPS:=mix@50,mix@100,mix@200,home@300,sphere@400,post@100,search@2,home@1500,sphere@3000,post@500,search@50,active@5000}"
    : "${STEP_SECONDS:=20}" "${THINK_SECONDS:=30}" "${DELIVERY_POSTS:=20}" "${REF_SECONDS:=15}" "${WARMUP_SECONDS:=10}" "${WAIT_ROLLUP:=1}" ;;
  *) echo "profile must be smoke or full" >&2; exit 2 ;;
esac
# An active@N step needs N signed-in users with a stream: never more than there are.
STEPS="$(echo "$STEPS" | tr ',' '\n' | awk -F@ -v u="$USERS" '$1=="active" && $2>u {$2=u; print $1"@"$2; next} {print}' OFS=@ | paste -sd, -)"

mkdir -p "$OUT"
DATA="$(mktemp -d /tmp/enclave-load.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
  rm -rf "$DATA"
}
trap cleanup EXIT

log "building (Release)"
dotnet build "$ROOT/src/Enclave.Server" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/bench/Load" -c Release -v q -nologo >/dev/null
SERVER_DLL="$ROOT/src/Enclave.Server/bin/Release/net10.0/Enclave.Server.dll"

export Storage__Path="$DATA/blobs" DataProtection__Path="$DATA/keys" Logging__LogLevel__Default=Warning
# A benchmark signs thousands of people in from one address: the per-address limits would refuse them.
export RateLimits__LoginPerMinute=1000000 RateLimits__SignupPerHour=1000000 RateLimits__TokensPerMinute=1000000
if [ "$ENGINE" = postgres ]; then
  export Database__Provider=Postgres Database__ConnectionString="${ENCLAVE_BENCH_POSTGRES:?set ENCLAVE_BENCH_POSTGRES to the connection string of a database (empty or seeded by this script)}"
  WORLD_KEY="$(echo "$Database__ConnectionString" | tr -c 'A-Za-z0-9' '_')"
  TOKENS="$ROOT/bench/worlds/tokens-postgres-$WORLD_KEY.tsv"
  DB_TARGET="$Database__ConnectionString"
  DB_PROCESS=(--db-process postgres)
else
  [ "$INSTANCES" = 1 ] || { echo "two instances need PostgreSQL (their live events cross through LISTEN/NOTIFY)" >&2; exit 2; }
  if [ "$PROFILE" = smoke ] && [ -z "${WORLD:-}" ]; then WORLD="$DATA/world.db"; fi
  WORLD="$(realpath -m "${WORLD:-$ROOT/bench/worlds/sqlite-$PROFILE.db}")"
  mkdir -p "$(dirname "$WORLD")"
  export Database__Provider=Sqlite Database__ConnectionString="Data Source=$WORLD"
  TOKENS="${WORLD%.db}.tokens.tsv"
  DB_TARGET="$WORLD"
  DB_PROCESS=()
fi
mkdir -p "$(dirname "$TOKENS")"

if [ "$(python3 "$ROOT/bench/lib/count-users.py" "$ENGINE" "$DB_TARGET")" = 0 ]; then
  log "seeding: ${SEED_ARGS[*]}"
  rm -f "$TOKENS"
  TIMER=(); [ -x /usr/bin/time ] && TIMER=(/usr/bin/time -o "$OUT/seed.time" -f "seed: %e s wall, %U s user, %S s system, %M KiB peak")
  "${TIMER[@]}" bash -c 'cd "$1/src/Enclave.Server" && shift && exec "$@"' _ "$ROOT" dotnet "$SERVER_DLL" seed "${SEED_ARGS[@]}" \
    >"$OUT/seed.log" 2>"$OUT/seed.err" || { tail -n 20 "$OUT/seed.err" >&2; exit 1; }
  tail -n 1 "$OUT/seed.err" >&2
  [ -f "$OUT/seed.time" ] && cat "$OUT/seed.time" >&2
fi

# Start-up to ready on the existing database: process start until /health/ready answers 200.
URL_ARGS=(); PID_ARGS=(); STARTUP_MS=""
for i in $(seq 0 $((INSTANCES - 1))); do
  port=$((PORT + i))
  begin=$(date +%s%N)
  # The content root is the project folder, as with `dotnet run`: appsettings.json and wwwroot live there.
  dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/Enclave.Server" >"$OUT/server-$i.log" 2>&1 &
  PIDS+=("$!")
  ready=0
  for _ in $(seq 1 3000); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; then ready=1; break; fi
    sleep 0.01
  done
  [ "$ready" = 1 ] || { log "instance $i did not become ready within 30 s"; tail -n 30 "$OUT/server-$i.log" >&2; exit 1; }
  ms=$(( ($(date +%s%N) - begin) / 1000000 ))
  log "instance $i on port $port ready in $ms ms"
  [ -n "$STARTUP_MS" ] || STARTUP_MS=$ms
  URL_ARGS+=(--url "http://127.0.0.1:$port"); PID_ARGS+=(--server-pid "${PIDS[-1]}")
done

# A fresh world's analytics rollup counts millions of rows in the background: wait (at most
# 15 minutes) until the servers are idle (< 5% of a core over 5 s), so the steps measure the load.
python3 "$ROOT/bench/lib/wait-idle.py" 900 "${PIDS[@]}" >&2
# That idle check can pass before the rollup's first run (a minute after start-up), so the full
# profile also waits until the rollup has counted the whole world (an hour at most; about 10 minutes
# for a freshly seeded 100,000-member world, nothing afterwards). A smoke world is too small to matter.
if [ "$WAIT_ROLLUP" = 1 ]; then
  python3 "$ROOT/bench/lib/wait-rollup.py" 3600 "$ENGINE" "$DB_TARGET" >&2
  python3 "$ROOT/bench/lib/wait-idle.py" 900 "${PIDS[@]}" >&2
fi

log "references (REF_SECONDS=$REF_SECONDS)"
if ! REF_SECONDS="$REF_SECONDS" bash "$ROOT/bench/references.sh" "$ENGINE" "$OUT" "http://127.0.0.1:$PORT" >&2; then
  [ "${REQUIRE_REFERENCES:-0}" = 1 ] && { log "references failed"; exit 1; }
  log "references failed: the report will have none"
fi

log "load: $USERS virtual users, $STREAMS streams, steps $STEPS ($STEP_SECONDS s each)"
EXTRA=(); [ "${FAIL_ON_ERRORS:-0}" = 1 ] && EXTRA+=(--fail-on-errors)
status=0
dotnet "$ROOT/bench/Load/bin/Release/net10.0/Load.dll" "${URL_ARGS[@]}" "${PID_ARGS[@]}" "${DB_PROCESS[@]}" \
  --engine "$ENGINE" --world "$(echo "${SEED_ARGS[*]}" | sed 's/--//g')" --world-users "$WORLD_USERS" \
  --users "$USERS" --streams "$STREAMS" --steps "$STEPS" --step-seconds "$STEP_SECONDS" --think-seconds "$THINK_SECONDS" \
  --delivery-posts "$DELIVERY_POSTS" --warmup-seconds "$WARMUP_SECONDS" --startup-ms "$STARTUP_MS" \
  --references "$OUT/references.json" --token-cache "$TOKENS" --out "$OUT" "${EXTRA[@]}" || status=$?
[ -f "$OUT/result.md" ] && cat "$OUT/result.md"
exit "$status"
