#!/usr/bin/env bash
# Upload and download of one large file through the document box, on this machine, over loopback,
# with the server's memory before and after (resident set, and its peak).
#   bench/document-transfer.sh [megabytes]        (default 100; SQLite in a temp folder)
# The target: server memory growth under 50 MB for a 100 MB file (uploads stream to disk, downloads stream from it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MB="${1:-100}"; PORT="${PORT:-5098}"; BASE="http://127.0.0.1:$PORT"
DATA="$(mktemp -d /tmp/enclave-bench.XXXXXX)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; wait "${SERVER:-0}" 2>/dev/null || true; rm -rf "$DATA"' EXIT
dotnet build "$ROOT/src/Enclave.Server" -c Release -v q -nologo >/dev/null
export Storage__Path="$DATA/blobs" DataProtection__Path="$DATA/keys" RateLimits__SignupPerHour=1000 Logging__LogLevel__Default=Warning
export Database__Provider=Sqlite Database__ConnectionString="Data Source=$DATA/enclave.db"
export Documents__MaxFileBytes=$(( (MB + 1) * 1024 * 1024 ))
dotnet "$ROOT/src/Enclave.Server/bin/Release/net10.0/Enclave.Server.dll" --urls "$BASE" >"$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$SERVER/status"; }

TOKEN=$(curl -fsS -H 'Content-Type: application/json' "$BASE/api/v1/auth/signup" \
  -d '{"userName":"bench","firstName":"Bench","lastName":"Mark","email":"bench@example.org","password":"correct horse battery staple","mode":"token"}' | jq -r .token)
AUTH=(-H "Authorization: Bearer $TOKEN")
ORG=$(curl -fsS "${AUTH[@]}" -H 'Content-Type: application/json' "$BASE/api/v1/organizations" -d '{"name":"Bench org"}' | jq -r .id)
SPHERE=$(curl -fsS "${AUTH[@]}" -H 'Content-Type: application/json' "$BASE/api/v1/spheres" -d "{\"organizationId\":\"$ORG\",\"name\":\"Bench sphere\"}" | jq -r .id)
head -c "$(( MB * 1024 * 1024 ))" /dev/urandom > "$DATA/big.bin"
# Warm the routes up with a small file, so the numbers measure the transfer, not the first request.
FILE=$(curl -fsS "${AUTH[@]}" --data-binary @<(head -c 1024 /dev/urandom) "$BASE/api/v1/spheres/$SPHERE/documents/files?filename=warm.bin" | jq -r .id)
curl -fsS "${AUTH[@]}" -o /dev/null "$BASE/api/v1/documents/files/$FILE/content"
BEFORE=$(kb VmRSS)

UP=$(curl -fsS "${AUTH[@]}" -H 'Content-Type: application/octet-stream' --data-binary "@$DATA/big.bin" -o "$DATA/up.json" -w '%{time_total} %{speed_upload}' \
  "$BASE/api/v1/spheres/$SPHERE/documents/files?filename=big.bin")
FILE=$(jq -r .id "$DATA/up.json")
AFTER_UP=$(kb VmRSS)
DOWN=$(curl -fsS "${AUTH[@]}" -o "$DATA/down.bin" -w '%{time_total} %{speed_download}' "$BASE/api/v1/documents/files/$FILE/content")
AFTER_DOWN=$(kb VmRSS); PEAK=$(kb VmHWM)
cmp -s "$DATA/big.bin" "$DATA/down.bin" && SAME=yes || SAME=NO

echo "document transfer: ${MB} MB, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), SQLite, loopback"
read -r t s <<<"$UP";   printf 'upload    %6.2f s  %7.1f MB/s\n' "$t" "$(echo "$s / 1048576" | bc -l)"
read -r t s <<<"$DOWN"; printf 'download  %6.2f s  %7.1f MB/s  (bytes identical: %s)\n' "$t" "$(echo "$s / 1048576" | bc -l)" "$SAME"
printf 'server RSS before %d MB, after upload %d MB, after download %d MB, growth %d MB (peak %d MB)\n' \
  $((BEFORE / 1024)) $((AFTER_UP / 1024)) $((AFTER_DOWN / 1024)) $(( (AFTER_DOWN - BEFORE) / 1024 )) $((PEAK / 1024))
