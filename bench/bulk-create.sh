#!/usr/bin/env bash
# Times POST /api/products/bulk with 1000 items against a Release build of the shop, on SQLite and on PostgreSQL.
#
#   bench/bulk-create.sh                 # both databases, 7 rounds each
#   ROUNDS=20 PROVIDERS=sqlite bench/bulk-create.sh
#
# PostgreSQL: BENCH_POSTGRES_URL (default postgres://shop:shop@127.0.0.1:5432/shop_bench; the database is created
# by the app's migrate verb and dropped again at the end). Needs curl, jq and python3.
set -euo pipefail

WORK="${BENCH_WORK:-/tmp/shop-bench-bulk}"
ROUNDS="${ROUNDS:-7}"
ITEMS="${ITEMS:-1000}"
PORT="${PORT:-5096}"
PROVIDERS="${PROVIDERS:-sqlite postgres}"
PG_URL="${BENCH_POSTGRES_URL:-postgres://shop:shop@127.0.0.1:5432/shop_bench}"

source "$(dirname "$0")/common.sh"
export Auth__TokenRateLimit__PermitLimit=1000

# One body per round, each with names of its own (a name twice would be a 409).
body() {
  python3 - "$1" "$ITEMS" <<'EOF'
import json, sys
run, n = sys.argv[1], int(sys.argv[2])
print(json.dumps([{"name": f"Bench {run} item {i}", "price": 10 + i % 90, "description": "A benchmark product.",
                   "status": "published" if i % 2 else "draft", "specs": {"weight": i, "colour": "black"}}
                  for i in range(n)]))
EOF
}

run_provider() {
  local provider=$1
  if [[ $provider == sqlite ]]; then export DATABASE_URL="sqlite:///$WORK/bench.db"; else export DATABASE_URL="$PG_URL"; fi
  (cd "$WORK/app" && "${APP[@]}" migrate >/dev/null)
  (cd "$WORK/app" && SHOP_SUPERUSER_USERNAME=bench SHOP_SUPERUSER_EMAIL=bench@example.test SHOP_SUPERUSER_PASSWORD='Bench!pass1' \
     "${APP[@]}" createsuperuser --noinput >/dev/null)
  (cd "$WORK/app" && exec "${APP[@]}" --urls "http://127.0.0.1:$PORT") >"$WORK/server-$provider.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  local token
  token=$(curl -fs -X POST "http://127.0.0.1:$PORT/api/token" -H 'Content-Type: application/json' \
            -d '{"username":"bench","password":"Bench!pass1"}' | jq -r .access)

  local times=()
  for round in $(seq 0 "$ROUNDS"); do
    body "$provider$round" >"$WORK/body.json"
    local out
    out=$(curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}' -X POST "http://127.0.0.1:$PORT/api/products/bulk" \
            -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$WORK/body.json")
    [[ ${out%% *} == 201 ]] || { echo "round $round answered ${out%% *}: $(head -c 300 "$WORK/answer.json")"; kill "$server"; exit 1; }
    # Round 0 warms the JIT and EF's query cache; it is not counted.
    [[ $round -gt 0 ]] && times+=("${out##* }")
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  local count
  if [[ $provider == sqlite ]]; then count=$(python3 -c "import sqlite3;print(sqlite3.connect('$WORK/bench.db').execute('select count(*) from Products').fetchone()[0])"); else count="n/a"; fi
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$provider" -v n="$ITEMS" -v c="$count" \
    '{ t[NR] = $1 * 1000 } END { printf "%-9s %d items/request, %d rounds: min %.0f ms, median %.0f ms, max %.0f ms (products in db: %s)\n", p, n, NR, t[1], t[int((NR + 1) / 2)], t[NR], c }'
}

for provider in $PROVIDERS; do run_provider "$provider"; done

if [[ " $PROVIDERS " == *" postgres "* && -z "${BENCH_POSTGRES_URL:-}" ]]; then
  PGPASSWORD=shop psql -h 127.0.0.1 -U shop -d postgres -qc 'DROP DATABASE IF EXISTS shop_bench WITH (FORCE)' 2>/dev/null \
    || echo "(drop the shop_bench database by hand if you no longer need it)"
fi
