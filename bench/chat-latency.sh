#!/usr/bin/env bash
# Chat delivery latency: N members hold their event stream open while messages go to a sphere channel.
#   bench/live-latency.sh [sqlite|postgres] [users] [messages]
# With postgres, set ENCLAVE_BENCH_POSTGRES to a connection string of an empty database.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE="${1:-sqlite}"; USERS="${2:-1000}"; MESSAGES="${3:-50}"; PORT="${PORT:-5099}"
DATA="$(mktemp -d /tmp/enclave-bench.XXXXXX)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; wait "${SERVER:-0}" 2>/dev/null || true; rm -rf "$DATA"' EXIT
dotnet build "$ROOT/src/Enclave.Server" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/bench/ChatLatency" -c Release -v q -nologo >/dev/null
export Storage__Path="$DATA/blobs" DataProtection__Path="$DATA/keys" RateLimits__SignupPerHour=100000 Logging__LogLevel__Default=Warning
if [ "$ENGINE" = postgres ]; then
  export Database__Provider=Postgres Database__ConnectionString="${ENCLAVE_BENCH_POSTGRES:?set ENCLAVE_BENCH_POSTGRES}"
else
  export Database__Provider=Sqlite Database__ConnectionString="Data Source=$DATA/enclave.db"
fi
dotnet "$ROOT/src/Enclave.Server/bin/Release/net10.0/Enclave.Server.dll" --urls "http://127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
echo "engine=$ENGINE $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
dotnet "$ROOT/bench/ChatLatency/bin/Release/net10.0/ChatLatency.dll" "http://127.0.0.1:$PORT" "$USERS" "$MESSAGES"
