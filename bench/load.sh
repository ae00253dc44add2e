#!/usr/bin/env bash
# Load test of the read side: wrk against a Release build of the shop on PostgreSQL, side by side with the raw
# ceiling (bench/raw-ceiling: bare Kestrel + Npgsql running the shop's own SQL and writing the same JSON).
#
#   bench/load.sh                              # 10,000 products
#   COUNT=1000000 bench/load.sh                # 1,000,000 (seeding by COPY takes ~40 s)
#   COUNT=1000000 REUSE_DB=1 bench/load.sh     # keep a database already seeded with COUNT products
#
# Env: COUNT, ROUNDS (3), DURATION (5s a round), WARMUP (3s per endpoint), START_WARMUP (10s per server), CONNECTIONS (32), DEEP_PAGE (500; 10000 from 1M),
# SEARCH_ONE ("product": every generated product), SEARCH_TWO ("product 0000100": one of them), CACHED (1: also
# measure a second app with its output cache on; 0: skip), BENCH_POSTGRES_SERVER (postgres://shop:shop@127.0.0.1:5432),
# BENCH_DB (shop_bench_load: dropped and created again unless REUSE_DB=1 finds COUNT products in it), BENCH_WORK
# (/tmp/shop-bench-load), APP_PORT/CACHED_PORT/RAW_PORT (5301-5303).
# Prints one table; each figure is the median of the rounds. Needs wrk, curl, jq, psql and python3.
set -euo pipefail

WORK="${BENCH_WORK:-/tmp/shop-bench-load}"
COUNT="${COUNT:-10000}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-5s}"
WARMUP="${WARMUP:-3s}"
START_WARMUP="${START_WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
DEEP_PAGE="${DEEP_PAGE:-$((COUNT >= 1000000 ? 10000 : 500))}"
SEARCH_ONE="${SEARCH_ONE:-product}"
SEARCH_TWO="${SEARCH_TWO:-product 0000100}"
CACHED="${CACHED:-1}"
PG_SERVER="${BENCH_POSTGRES_SERVER:-postgres://shop:shop@127.0.0.1:5432}"
DB="${BENCH_DB:-shop_bench_load}"
APP_PORT="${APP_PORT:-5301}" CACHED_PORT="${CACHED_PORT:-5302}" RAW_PORT="${RAW_PORT:-5303}"

source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/wrk.sh"
echo "Publishing the raw ceiling ..." >&2
dotnet publish "$ROOT/bench/raw-ceiling" -c Release -o "$WORK/raw" --nologo -v quiet >/dev/null
export DATABASE_URL="$PG_SERVER/$DB"

products() { psql "$DATABASE_URL" -Atc 'SELECT count(*) FROM "Products"' 2>/dev/null || echo 0; }
if [[ "${REUSE_DB:-0}" == 1 && "$(products)" == "$COUNT" ]]; then
  echo "Reusing $DB with $COUNT products" >&2
else
  psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" -c "CREATE DATABASE \"$DB\""
  # seed's progress goes to stderr: kept in a file, and shown only when seeding fails.
  if ! (cd "$WORK/app" && "${APP[@]}" migrate >/dev/null && "${APP[@]}" seed --count "$COUNT" 2>"$WORK/seed.err" | tail -1) >&2; then
    echo "Seeding $COUNT products failed:" >&2
    tail -n 5 "$WORK/seed.err" >&2
    exit 1
  fi
  psql "$DATABASE_URL" -qc 'VACUUM ANALYZE'
fi

servers=()
stop() { for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT
start() { # name port command...
  local name=$1 port=$2; shift 2
  (cd "$WORK/app" && exec "$@" --urls "http://127.0.0.1:$port") >"$WORK/$name.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  echo "$name did not start: $(tail -5 "$WORK/$name.log")" >&2; exit 1
}
start app "$APP_PORT" env OutputCache__Enabled=false "${APP[@]}"
[[ $CACHED == 1 ]] && start cached "$CACHED_PORT" env OutputCache__Enabled=true "${APP[@]}"
start raw "$RAW_PORT" env DATABASE="Host=127.0.0.1;Port=5432;Username=shop;Password=shop;Database=$DB" dotnet "$WORK/raw/RawCeiling.dll"

app_url="http://127.0.0.1:$APP_PORT"
page1=$(curl -fs "$app_url/api/products")
id=$(jq -r '.items[9].id' <<<"$page1")
search_one=$(jq -rn --arg s "$SEARCH_ONE" '$s|@uri')
search_two=$(jq -rn --arg s "$SEARCH_TWO" '$s|@uri')
# name|app path|raw path
endpoints=(
  "list page 1|/api/products|/api/products"
  "offset page $DEEP_PAGE|/api/products?page=$DEEP_PAGE|/api/products?page=$DEEP_PAGE"
  "detail|/api/products/$id|/api/products/$id"
  "search 1 word|/api/products?search=$search_one|/api/products?search=$search_one"
  "search 2 words|/api/products?search=$search_two|/api/products?search=$search_two"
  "healthz|/healthz|/healthz"
)
# Keyset paging: the cursor of page DEEP_PAGE is the nextCursor of the OFFSET page before it (one slow request instead
# of following DEEP_PAGE - 1 cursors); the raw ceiling continues after the last product of that page, with a row-value
# comparison and no count.
if [[ $(jq -r '.nextCursor // empty' <<<"$page1") ]]; then
  previous=$(curl -fs "$app_url/api/products?page=$((DEEP_PAGE - 1))")
  cursor=$(jq -r '.nextCursor' <<<"$previous")
  [[ $(curl -fs "$app_url/api/products?cursor=$(jq -rn --arg s "$cursor" '$s|@uri')" | jq -r .page) == "$DEEP_PAGE" ]] \
    || { echo "the cursor of page $DEEP_PAGE does not answer page $DEEP_PAGE" >&2; exit 1; }
  after=$(jq -r '.items[-1] | "afterCreatedAt=\(.createdAt|@uri)&afterId=\(.id)"' <<<"$previous")
  endpoints+=("cursor page $DEEP_PAGE|/api/products?cursor=$(jq -rn --arg s "$cursor" '$s|@uri')|/api/products?$after")
fi

# A server whose client gave up (wrk's timeout) can leave its queries running in PostgreSQL: on 1M rows the raw ceiling's
# naive search keeps both cores busy for seconds after its round, which the next server's round would pay for. Each
# measurement starts once the database has no other query running (what is still running after 30 s is cancelled).
settle() {
  local others="FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()"
  for _ in $(seq 1 60); do
    [[ $(psql "$DATABASE_URL" -Atc "SELECT count(*) $others") == 0 ]] && return
    sleep 0.5
  done
  psql "$DATABASE_URL" -Atc "SELECT count(pg_cancel_backend(pid)) $others" >/dev/null
}

targets=(app raw); [[ $CACHED == 1 ]] && targets=(app raw cached)
declare -A port=([app]=$APP_PORT [cached]=$CACHED_PORT [raw]=$RAW_PORT)
results="$WORK/results.txt"; : >"$results"
# Every server's JIT and connection pool warm up once before the first endpoint (3 s were not enough on a loaded
# machine: the first endpoint measured came out ~2x slower than the same query measured later).
for t in "${targets[@]}"; do measure "http://127.0.0.1:${port[$t]}/api/products" "$START_WARMUP" >/dev/null; done
load_before=$(uptime)
for entry in "${endpoints[@]}"; do
  IFS='|' read -r name app_path raw_path <<<"$entry"
  echo "$name ..." >&2
  for t in "${targets[@]}"; do
    path=$app_path; [[ $t == raw ]] && path=$raw_path
    settle
    measure "http://127.0.0.1:${port[$t]}$path" "$WARMUP" >/dev/null
  done
  # Rounds alternate between the servers, so a noisy neighbour hits all of them alike.
  for _ in $(seq 1 "$ROUNDS"); do
    for t in "${targets[@]}"; do
      path=$app_path; [[ $t == raw ]] && path=$raw_path
      settle
      echo "$name|$t|$(measure "http://127.0.0.1:${port[$t]}$path" "$DURATION")" >>"$results"
    done
  done
done

echo
echo "$COUNT products, wrk -t2 -c$CONNECTIONS, $ROUNDS rounds of $DURATION after a $START_WARMUP warm-up per server and $WARMUP per endpoint (medians); app = output cache off"
echo "load before: $load_before"
echo "load after:  $(uptime)"
python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, target, figures = line.rstrip("\n").split("|")
    rows.setdefault(name, {}).setdefault(target, []).append([float(x) for x in figures.split()])
def med(runs, i): return statistics.median(r[i] for r in runs)
# A server that answered nothing within a round (the raw ceiling's naive search on 1M) has no ratio to divide by.
def ratio(a, b): return f"{a / b:.2f}" if b > 0 else "∞ (raw: no answer)"
cached = any("cached" in t for t in rows.values())
head = ["endpoint", "app req/s", "raw req/s", "ratio", "app p50/p99 ms", "raw p50/p99 ms"]
if cached: head += ["cached req/s", "cached ratio", "cached p50/p99 ms"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for name, t in rows.items():
    app, raw = t["app"], t["raw"]
    cells = [name, f"{med(app, 0):.0f}", f"{med(raw, 0):.0f}", ratio(med(app, 0), med(raw, 0)),
             f"{med(app, 1):.1f} / {med(app, 2):.1f}", f"{med(raw, 1):.1f} / {med(raw, 2):.1f}"]
    if cached:
        c = t["cached"]
        cells += [f"{med(c, 0):.0f}", ratio(med(c, 0), med(raw, 0)), f"{med(c, 1):.1f} / {med(c, 2):.1f}"]
    print("| " + " | ".join(cells) + " |")
EOF
