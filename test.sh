#!/usr/bin/env bash
# Runs every test project of the solution against real engines: SQLite (embedded) and a
# throwaway PostgreSQL 15 cluster started here on loopback and stopped on exit.
#
#   ./test.sh                         # everything
#   ./test.sh --filter 'FullyQualifiedName~Health'   # extra arguments go to every `dotnet test`
#
# Installs what the tests need when it is missing (apt, as root or through sudo). Prints, as
# its very last line, "N passed, N failed" (totals over all test projects, read from the trx
# result files) and exits non-zero when a build or a test failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive
SOLUTION="Enclave.slnx"
RESULTS="$ROOT/TestResults"
START_SECONDS=$SECONDS

log() { printf '==> %s\n' "$*" >&2; }

# --- installing prerequisites ------------------------------------------------------------

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else log "need root to run: $*"; return 1
  fi
}

APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing packages ($*) and no apt-get: install them by hand"; return 1
  fi
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq </dev/null
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root apt-get install -y -qq --no-install-recommends "$@" </dev/null >/dev/null
}

postgres_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && echo "$dir"
  done | sort -V | tail -n 1
}

ensure_tools() {
  local missing=()
  [ -n "$(postgres_bin)" ] || missing+=(postgresql)
  # The documented API walkthrough (docs/examples/core-walkthrough.sh) is run by a test.
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  # The benchmark smoke run measures its HTTP reference with wrk.
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
  if ! command -v dotnet >/dev/null 2>&1; then
    log "the .NET SDK is missing: install the version pinned in global.json"; exit 1
  fi
}

# --- browser tests: Chromium ---------------------------------------------------------------
# The end-to-end tests (tests/Enclave.E2E) drive Debian's /usr/bin/chromium with Playwright for
# .NET; Playwright's own driver comes with its NuGet package, and no browser is downloaded at
# run time. ENCLAVE_E2E_CHROMIUM points the tests at another Chromium instead.
ensure_chromium() {
  if [ -n "${ENCLAVE_E2E_CHROMIUM:-}" ] && [ -x "$ENCLAVE_E2E_CHROMIUM" ]; then return 0; fi
  [ -x /usr/bin/chromium ] || apt_install chromium
}

# --- throwaway PostgreSQL ------------------------------------------------------------------

PGBIN=""
PGTMP=""
PGPORT=""

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if port_is_free "$port"; then echo "$port"; return 0; fi
  done
  log "found no free port"; return 1
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  PGBIN="$(postgres_bin)"
  PGPORT="$(free_port)"
  PGTMP="$(mktemp -d /tmp/pgtest.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGTMP"; fi
  as_postgres "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # max_connections: every test app holds its own connection pool, idle connections included. A
  # full run peaked at about 200 and once reached 300 (the old bound: "too many clients").
  as_postgres "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
    -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=500" start >/dev/null
  export ENCLAVE_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres"
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
}

stop_postgres() {
  if [ -n "$PGTMP" ] && [ -d "$PGTMP/data" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$PGTMP" ]; then rm -rf "$PGTMP"; fi
}

# --- tests ---------------------------------------------------------------------------------

# One smoke run of the load benchmark; errors, a failed reference or a lost stream fail it.
run_bench_smoke() {
  local engine="$1" port
  port="$(free_port)"
  if [ "$engine" = postgres ]; then
    as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres bench_smoke
    ENCLAVE_BENCH_POSTGRES="$ENCLAVE_TEST_POSTGRES;Database=bench_smoke" INSTANCES=2 PORT="$port" FAIL_ON_ERRORS=1 REQUIRE_REFERENCES=1 \
      OUT="$RESULTS/bench-smoke-$engine" bash "$ROOT/bench/load.sh" postgres smoke </dev/null
  else
    PORT="$port" FAIL_ON_ERRORS=1 REQUIRE_REFERENCES=1 OUT="$RESULTS/bench-smoke-$engine" bash "$ROOT/bench/load.sh" sqlite smoke </dev/null &&
      # The report's own checks (tables, ratios, chart) against sample figures; load.sh built the tool.
      dotnet "$ROOT/bench/Load/bin/Release/net10.0/Load.dll" --selftest
  fi
}

# Test projects of the solution: projects whose file marks them as tests.
test_projects() {
  local path
  grep -o 'Path="[^"]*\.csproj"' "$SOLUTION" | sed 's/^Path="//; s/"$//' | while read -r path; do
    if grep -qE '<IsTestProject>true</IsTestProject>|Microsoft\.NET\.Test\.Sdk' "$path"; then echo "$path"; fi
  done
}

# Sums one counter attribute over the trx files written by this run.
trx_total() {
  local attribute="$1" file value total=0
  for file in "$RESULTS"/*.trx; do
    [ -e "$file" ] || continue
    value="$(grep -o "<Counters [^>]*" "$file" | grep -o " $attribute=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
    total=$(( total + ${value:-0} ))
  done
  echo "$total"
}

# When a test host dies before writing its trx, the console summary is all there is.
console_total() {
  local label="$1" log_file="$2"
  grep -oE "(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+" "$log_file" \
    | sed -E "s/.*Failed: +([0-9]+), +Passed: +([0-9]+)/\1 \2/" \
    | awk -v want="$label" '{ if (want == "failed") s += $1; else s += $2 } END { print s + 0 }'
}

# Test-only JavaScript tools (axe-core for the accessibility checks), pinned by package-lock.json.
ensure_node_tools() {
  local dir="$ROOT/tests/Enclave.E2E"
  [ -f "$dir/package.json" ] || return 0
  [ -f "$dir/node_modules/axe-core/axe.min.js" ] && return 0
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  log "npm ci (tests/Enclave.E2E)"
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error </dev/null >/dev/null)
}

main() {
  ensure_tools
  ensure_chromium
  ensure_node_tools
  trap stop_postgres EXIT
  trap 'exit 130' INT TERM
  start_postgres

  rm -rf "$RESULTS"
  mkdir -p "$RESULTS"
  local status=0 project name console_log
  console_log="$RESULTS/console.log"
  : >"$console_log"
  local projects
  projects="$(test_projects)"
  if [ -z "$projects" ]; then log "no test project in $SOLUTION"; status=1; fi
  # One build of the whole solution, so a compile error is reported once and clearly.
  log "dotnet build $SOLUTION"
  if ! dotnet build "$SOLUTION" --nologo -v quiet </dev/null 2>&1 | tee -a "$console_log"; then
    log "the build failed"
    echo "0 passed, 0 failed"
    return 1
  fi
  for project in $projects; do
    name="$(basename "$project" .csproj)"
    log "dotnet test $project"
    if ! dotnet test "$project" --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
        --results-directory "$RESULTS" "$@" </dev/null 2>&1 | tee -a "$console_log"; then
      status=1
    fi
  done

  # The load benchmark is not a test, but a smoke run of it (tiny worlds, seconds of load) is, so it
  # cannot rot: SQLite with one instance, PostgreSQL with two (live events crossing between them).
  # Only in a whole run: a --filter run is for a few tests. ENCLAVE_BENCH_SMOKE=0 skips it.
  local smoke_passed=0 smoke_failed=0
  if [ "$#" -eq 0 ] && [ "${ENCLAVE_BENCH_SMOKE:-1}" = 1 ]; then
    for smoke in sqlite postgres; do
      log "benchmark smoke run: bench/load.sh $smoke smoke"
      if run_bench_smoke "$smoke" >>"$RESULTS/bench-smoke-$smoke.log" 2>&1; then
        smoke_passed=$((smoke_passed + 1)); log "benchmark smoke run ($smoke) passed"
      else
        smoke_failed=$((smoke_failed + 1)); status=1
        log "benchmark smoke run ($smoke) FAILED:"; tail -n 40 "$RESULTS/bench-smoke-$smoke.log" >&2
      fi
    done
  fi

  local passed failed
  if compgen -G "$RESULTS/*.trx" >/dev/null; then
    passed="$(trx_total passed)"
    failed=$(( $(trx_total failed) + $(trx_total error) + $(trx_total timeout) ))
  else
    passed="$(console_total passed "$console_log")"
    failed="$(console_total failed "$console_log")"
  fi
  # A build failure or a crashed test host fails the run even when no test is counted failed.
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then log "a build or a test host failed (see above)"; fi
  passed=$((passed + smoke_passed)); failed=$((failed + smoke_failed))
  if [ "$failed" -ne 0 ]; then status=1; fi
  log "finished in $(( SECONDS - START_SECONDS ))s; results in $RESULTS"
  echo "$passed passed, $failed failed"
  return "$status"
}

main "$@"
