#!/usr/bin/env bash
# Times `import-products` of a Release build: a COUNT-row file in the export format into an empty database (every row
# new), then the same file again (every row an update of a product it left unchanged), with peak RSS.
#
#   COUNT=1000000 DATABASE_URL=postgres://shop:shop@127.0.0.1:5432/shop_import_bench bench/import.sh
#   COUNT=100000 bench/import.sh                 # SQLite (default)
#
# The file is what `GET /api/products/export.csv` writes for a catalog made by `seed --count` (same columns, names,
# slugs, prices and timestamps; no categories, tags or specs), generated here instead of exported so that making it
# costs seconds. A PostgreSQL database named in DATABASE_URL is dropped and created again first (needs psql and a role
# that may create databases). Needs GNU time (/usr/bin/time) and python3. CSV=path reuses a file.
set -euo pipefail

WORK="${BENCH_WORK:-/tmp/shop-bench-import}"
COUNT="${COUNT:-100000}"
CSV="${CSV:-}"

source "$(dirname "$0")/common.sh"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$WORK/import.db}"

if [[ -z "$CSV" ]]; then
  CSV="$WORK/products.csv"
  python3 - "$COUNT" "$CSV" <<'PY'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", newline="") as f:
    f.write("id,name,slug,description,price,isActive,status,publishedAt,createdAt,updatedAt,category,tags,specs\r\n")
    for i in range(1, count + 1):
        t = "2026-12-06T12:00:00.%06dZ" % (i % 1000000)
        f.write(f"{i},Load 1a2b3c4d product {i:07d},load-1a2b3c4d-{i:07d},Generated for load tests.,{i % 99999}.99,true,published,{t},{t},{t},,,{{}}\r\n")
PY
fi

if [[ "$DATABASE_URL" == postgres* ]]; then
  db="${DATABASE_URL##*/}"
  server="${DATABASE_URL%/*}"
  psql "$server/postgres" -qc "DROP DATABASE IF EXISTS \"$db\"" -c "CREATE DATABASE \"$db\""
fi

cd "$WORK/app"
"${APP[@]}" migrate >/dev/null
echo "Importing $(($(wc -l < "$CSV") - 1)) rows ($(du -m "$CSV" | cut -f1) MB) into ${DATABASE_URL%%:*}; load average $(cut -d' ' -f1-3 /proc/loadavg) ..."
for run in "all new" "all updates"; do
  /usr/bin/time -f '%e s wall, %M kB peak RSS' -o "$WORK/time.txt" "${APP[@]}" import-products "$CSV" 2>/dev/null | tail -1
  echo "import-products ($run): $(cat "$WORK/time.txt"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
