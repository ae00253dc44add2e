#!/usr/bin/env bash
# Streams GET /api/products/export.csv of a large catalog from a Release build and reports the server's peak RSS
# (VmHWM) before and after, to show that the export's memory stays flat whatever the catalog size.
#
#   COUNT=200000 bench/export-memory.sh          # SQLite (default)
#   COUNT=1000000 DATABASE_URL=postgres://shop:shop@127.0.0.1:5432/shop_export bench/export-memory.sh
#
# Uses the seed --count verb to fill the catalog. Needs curl and jq.
set -euo pipefail

WORK="${BENCH_WORK:-/tmp/shop-bench-export}"
COUNT="${COUNT:-200000}"
PORT="${PORT:-5097}"

source "$(dirname "$0")/common.sh"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$WORK/export.db}"

cd "$WORK/app"
"${APP[@]}" migrate >/dev/null
SHOP_SUPERUSER_USERNAME=bench SHOP_SUPERUSER_EMAIL=bench@example.test SHOP_SUPERUSER_PASSWORD='Bench!pass1' "${APP[@]}" createsuperuser --noinput >/dev/null
echo "Seeding $COUNT products ..."
"${APP[@]}" seed --count "$COUNT" 2>/dev/null | tail -1

"${APP[@]}" --urls "http://127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
token=$(curl -fs -X POST "http://127.0.0.1:$PORT/api/token" -H 'Content-Type: application/json' \
          -d '{"username":"bench","password":"Bench!pass1"}' | jq -r .access)
# Warm up with a small request so the baseline includes the JIT and EF's model.
curl -fs "http://127.0.0.1:$PORT/api/products?pageSize=100" -H "Authorization: Bearer $token" >/dev/null
before=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
stats=$(curl -fs -o "$WORK/export.csv" -w '%{size_download} %{time_total}' "http://127.0.0.1:$PORT/api/products/export.csv" -H "Authorization: Bearer $token")
after=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
kill "$server"; wait "$server" 2>/dev/null || true
rows=$(($(wc -l <"$WORK/export.csv") - 1))
echo "export of $COUNT products: ${stats%% *} bytes (~$rows lines) in ${stats##* } s; server peak RSS ${before} kB before, ${after} kB after"
