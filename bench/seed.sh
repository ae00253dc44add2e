#!/usr/bin/env bash
# Times `seed --count N` of a Release build into an empty database and reports its peak RSS.
#
#   COUNT=1000000 DATABASE_URL=postgres://shop:shop@127.0.0.1:5432/shop_seed_bench bench/seed.sh
#   COUNT=100000 bench/seed.sh                   # SQLite (default)
#
# A PostgreSQL database named in DATABASE_URL is dropped and created again first (needs psql and a role that
# may create databases). Needs GNU time (/usr/bin/time).
set -euo pipefail

WORK="${BENCH_WORK:-/tmp/shop-bench-seed}"
COUNT="${COUNT:-100000}"

source "$(dirname "$0")/common.sh"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$WORK/seed.db}"

if [[ "$DATABASE_URL" == postgres* ]]; then
  db="${DATABASE_URL##*/}"
  server="${DATABASE_URL%/*}"
  psql "$server/postgres" -qc "DROP DATABASE IF EXISTS \"$db\"" -c "CREATE DATABASE \"$db\""
fi

cd "$WORK/app"
"${APP[@]}" migrate >/dev/null
echo "Seeding $COUNT products into ${DATABASE_URL%%:*} ..."
/usr/bin/time -f '%e s wall, %M kB peak RSS' -o "$WORK/time.txt" "${APP[@]}" seed --count "$COUNT" 2>/dev/null | tail -1
echo "seed --count $COUNT: $(cat "$WORK/time.txt")"
