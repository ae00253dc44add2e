#!/usr/bin/env bash
# The shop on many boxes, on one machine: HAProxy in front of published app instances on loopback ports, a PostgreSQL 15
# primary and a streaming hot standby the instances read from. Checks the API through the balancer, measures 1 vs 2
# instances and reads on the replica vs the primary, then kills an instance under load.
#
#   bench/cluster.sh                 # start, check, measure, kill, stop (a few minutes for 10,000 products)
#   KEEP=1 bench/cluster.sh          # ... and leave it all running (the last lines say where and how to stop it)
#   bench/cluster.sh stop            # stop what KEEP=1 left running
#
# Env: COUNT (10000 products), ROUNDS (3), DURATION (5s a round), CONNECTIONS (32), BENCH_WORK (/tmp/shop-cluster),
# PG_PRIMARY_PORT (5441), PG_STANDBY_PORT (5442), APP_PORT (5471: app1, app2, app3 on the next ports), LB_PORT (5460:
# both instances; +1 only app1; +2 app3 reading from the primary; +3 HAProxy's statistics page).
# Needs root once, to apt-get install what is missing (haproxy, postgresql, wrk, jq, curl); PostgreSQL runs as the
# postgres user on loopback only, in throwaway clusters under BENCH_WORK (the machine's own cluster is not touched).
set -euo pipefail

WORK="${BENCH_WORK:-/tmp/shop-cluster}"
COUNT="${COUNT:-10000}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-5s}"
CONNECTIONS="${CONNECTIONS:-32}"
PRIMARY_PORT="${PG_PRIMARY_PORT:-5441}" STANDBY_PORT="${PG_STANDBY_PORT:-5442}"
APP_PORT="${APP_PORT:-5471}" LB_PORT="${LB_PORT:-5460}"
PG_BIN="/usr/lib/postgresql/$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1)/bin"
PGW="$WORK/pg"

pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }

stop_all() {
  [[ -f $WORK/haproxy.pid ]] && kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null || true
  for pidfile in "$WORK"/app*.pid; do [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null || true; done
  for data in "$PGW/standby" "$PGW/primary"; do
    [[ -f $data/postmaster.pid ]] && pg pg_ctl -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -f "$WORK"/*.pid
}
if [[ ${1:-} == stop ]]; then stop_all; echo "stopped"; exit 0; fi

missing=()
for pair in haproxy:haproxy wrk:wrk jq:jq curl:curl psql:postgresql; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[[ -x $PG_BIN/initdb ]] || missing+=(postgresql)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} ..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  PG_BIN="/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -n1)/bin"
fi

stop_all 2>/dev/null || true
source "$(dirname "$0")/common.sh" # publishes into $WORK/app (after emptying $WORK)
[[ ${KEEP:-0} == 1 ]] || trap stop_all EXIT

# --- PostgreSQL: a primary and a hot standby fed by streaming replication -------------------------------------------
mkdir -p "$PGW" && chown postgres "$PGW"
echo "shop" >"$WORK/pgpass.txt" && chown postgres "$WORK/pgpass.txt"
pg initdb -D "$PGW/primary" -U shop --pwfile="$WORK/pgpass.txt" --auth=scram-sha-256 >/dev/null
cat >>"$PGW/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$PGW'
max_connections = 300
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 5
EOF
echo "host replication shop 127.0.0.1/32 scram-sha-256" >>"$PGW/primary/pg_hba.conf"
pg pg_ctl -D "$PGW/primary" -l "$PGW/primary.log" -w start >/dev/null
export PGPASSWORD=shop
PRIMARY="postgres://shop:shop@127.0.0.1:$PRIMARY_PORT/shop"
STANDBY="postgres://shop:shop@127.0.0.1:$STANDBY_PORT/shop"
psql "postgres://shop:shop@127.0.0.1:$PRIMARY_PORT/postgres" -qc 'CREATE DATABASE shop'

echo "Migrating and seeding $COUNT products on the primary ..." >&2
export DATABASE_URL="$PRIMARY"
(cd "$WORK/app" && "${APP[@]}" migrate >/dev/null && "${APP[@]}" seed --count "$COUNT" 2>"$WORK/seed.err" | tail -1) >&2
SHOP_SUPERUSER_USERNAME=boss SHOP_SUPERUSER_EMAIL=boss@example.com SHOP_SUPERUSER_PASSWORD='cluster-Secret-1' \
  "${APP[@]}" createsuperuser --noinput >/dev/null
psql "$PRIMARY" -qc 'VACUUM ANALYZE'

# The standby starts from a base backup of the primary (-R writes primary_conninfo and standby.signal) and then streams.
pg pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U shop -D "$PGW/standby" -R -X stream -c fast
sed -i "s/^port = $PRIMARY_PORT/port = $STANDBY_PORT/" "$PGW/standby/postgresql.conf"
# Long reads on the standby are not cancelled by the primary's vacuum (it keeps what they read).
echo "hot_standby_feedback = on" >>"$PGW/standby/postgresql.conf"
pg pg_ctl -D "$PGW/standby" -l "$PGW/standby.log" -w start >/dev/null
[[ $(psql "$STANDBY" -Atc 'SELECT pg_is_in_recovery()') == t ]] || { echo "the standby is not in recovery" >&2; exit 1; }
for _ in $(seq 1 50); do
  [[ $(psql "$PRIMARY" -Atc "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") == 1 ]] && break; sleep 0.2
done
echo "standby streaming: $(psql "$PRIMARY" -Atc "SELECT state, sync_state FROM pg_stat_replication")" >&2

# --- App instances --------------------------------------------------------------------------------------------------
# app1 and app2 are the cluster (reads on the standby); app3 is the same app reading from the primary, for comparison.
# The output cache is off: the figures are of the work each instance does, not of cache hits.
start_app() { # name port read-url
  local name=$1 port=$2 read=$3
  (cd "$WORK/app" && exec env DATABASE_READ_URL="$read" OutputCache__Enabled=false "${APP[@]}" --urls "http://127.0.0.1:$port") \
    >"$WORK/$name.log" 2>&1 &
  echo $! >"$WORK/$name.pid"
  disown # killing it on purpose later is not news
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  echo "$name did not start: $(tail -5 "$WORK/$name.log")" >&2; exit 1
}
start_app app1 "$APP_PORT" "$STANDBY"
start_app app2 $((APP_PORT + 1)) "$STANDBY"
start_app app3 $((APP_PORT + 2)) ""

# --- HAProxy --------------------------------------------------------------------------------------------------------
# A request whose instance refuses the connection, closes it without an answer or times out is sent again to another
# instance (redispatch), but only a GET or HEAD: a write that may have run once is not run twice by the balancer
# (a client retries it with an Idempotency-Key). Health checks take a dead instance out within ~2 s.
haproxy_backend() { # name (server port)...: a backend, with the rules HAProxy takes only there
  echo "backend $1"
  echo "  balance roundrobin"
  echo "  http-request disable-l7-retry unless METH_GET || METH_HEAD"
  echo "  http-response set-header X-Served-By %s"
  shift
  while (($#)); do echo "  server $1 127.0.0.1:$2 check inter 1s fall 2 rise 2"; shift 2; done
}
cat >"$WORK/haproxy.cfg" <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  option forwardfor
  option http-keep-alive
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response junk-response response-timeout
  option httpchk GET /healthz
frontend both
  bind 127.0.0.1:$LB_PORT
  default_backend both
frontend one
  bind 127.0.0.1:$((LB_PORT + 1))
  default_backend one
frontend primary
  bind 127.0.0.1:$((LB_PORT + 2))
  default_backend primary
frontend stats
  bind 127.0.0.1:$((LB_PORT + 3))
  stats enable
  stats uri /
$(haproxy_backend both app1 "$APP_PORT" app2 $((APP_PORT + 1)))
$(haproxy_backend one app1 "$APP_PORT")
$(haproxy_backend primary app3 $((APP_PORT + 2)))
EOF
haproxy -f "$WORK/haproxy.cfg" -p "$WORK/haproxy.pid" -D
LB="http://127.0.0.1:$LB_PORT"
for _ in $(seq 1 50); do curl -fs "$LB/healthz" >/dev/null && break; sleep 0.2; done
sleep 2 # both instances pass their first health checks

source "$(dirname "$0")/cluster-checks.sh"
source "$(dirname "$0")/cluster-measure.sh"

if [[ ${KEEP:-0} == 1 ]]; then
  echo "Left running: balancer $LB (one instance: :$((LB_PORT + 1)), primary reads: :$((LB_PORT + 2)), stats: :$((LB_PORT + 3))),"
  echo "primary $PRIMARY, standby $STANDBY. Stop it all with: bench/cluster.sh stop"
fi
