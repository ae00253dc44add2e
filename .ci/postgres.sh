#!/usr/bin/env bash
# Installs (Debian package) and starts PostgreSQL 15 on 127.0.0.1:5432 with a role the tests use.
# Idempotent. Prints the connection string for SHOP_TEST_POSTGRES on its last line.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
ver=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >&2
fi
conf=/etc/postgresql/$ver/main/postgresql.conf
grep -q "^listen_addresses = '127.0.0.1'" "$conf" || echo "listen_addresses = '127.0.0.1'" >> "$conf"
# Throwaway test databases: durability is not needed, speed is.
grep -q "^fsync = off" "$conf" || printf "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n" >> "$conf"
pg_ctlcluster "$ver" main start >&2 2>/dev/null || pg_ctlcluster "$ver" main restart >&2
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='shop') THEN CREATE ROLE shop LOGIN SUPERUSER PASSWORD 'shop'; END IF; END \\\$\\\$;\"" >&2
echo "Host=127.0.0.1;Port=5432;Username=shop;Password=shop;Database=postgres"
