# Sourced by bench/cluster.sh after the checks: throughput of 1 vs 2 instances and of reads on the standby vs the
# primary, all through HAProxy (so each figure pays the same hop), then one instance killed under load.
source "$(dirname "$0")/wrk.sh"

declare -A frontend=([one]="http://127.0.0.1:$((LB_PORT + 1))" [both]="$LB" [primary]="http://127.0.0.1:$((LB_PORT + 2))")
targets=(one both primary)
search=$(jq -rn --arg s "product 0000100" '$s|@uri')
detail=$(curl -fs "$LB/api/products" | jq -r '.items[9].id')
endpoints=("list page 1|/api/products" "detail|/api/products/$detail" "search 2 words|/api/products?search=$search")

echo "== Throughput through the balancer ($COUNT products, wrk -t2 -c$CONNECTIONS, $ROUNDS rounds of $DURATION, medians)"
for t in "${targets[@]}"; do measure "${frontend[$t]}/api/products" 5s >/dev/null; done
results="$WORK/results.txt"; : >"$results"
load_before=$(uptime)
for entry in "${endpoints[@]}"; do
  IFS='|' read -r name path <<<"$entry"
  for t in "${targets[@]}"; do measure "${frontend[$t]}$path" 2s >/dev/null; done
  # Rounds alternate between the set-ups, so a noisy neighbour hits all of them alike.
  for _ in $(seq 1 "$ROUNDS"); do
    for t in "${targets[@]}"; do echo "$name|$t|$(measure "${frontend[$t]}$path" "$DURATION")" >>"$results"; done
  done
done
echo "load before: $load_before"
echo "load after:  $(uptime)"
python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, target, figures = line.rstrip("\n").split("|")
    rows.setdefault(name, {}).setdefault(target, []).append([float(x) for x in figures.split()])
def med(runs, i): return statistics.median(r[i] for r in runs)
def cell(runs): return f"{med(runs, 0):.0f} ({med(runs, 1):.1f} / {med(runs, 2):.1f})"
print("| endpoint | 1 instance, standby reads: req/s (p50 / p99 ms) | 2 instances, standby reads | 2 vs 1 | 1 instance, primary reads | standby vs primary |")
print("|---|---|---|---|---|---|")
for name, t in rows.items():
    one, both, primary = t["one"], t["both"], t["primary"]
    print(f"| {name} | {cell(one)} | {cell(both)} | {med(both, 0) / med(one, 0):.2f} | {cell(primary)} | {med(one, 0) / med(primary, 0):.2f} |")
EOF

echo "== app2 killed (SIGKILL) 7 s into 20 s of load on both instances"
stat_of() { # server column: one figure of HAProxy's CSV statistics for the backend "both"
  curl -s "http://127.0.0.1:$((LB_PORT + 3))/;csv" | python3 -c "
import csv, sys
rows = list(csv.reader(l.lstrip('# ') for l in sys.stdin))
head = rows[0]
print(next(r[head.index('$2')] for r in rows[1:] if r[0] == 'both' and r[1] == '$1'))"
}
wrk -t2 -c"$CONNECTIONS" -d20s --timeout 10s --latency "$LB/api/products" >"$WORK/kill.txt" &
wrk_pid=$!
sleep 7
kill -9 "$(cat "$WORK/app2.pid")"
wait "$wrk_pid"
requests=$(awk '/requests in/ { print $1 }' "$WORK/kill.txt")
lost=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$WORK/kill.txt")
echo "  $requests requests, $lost lost (non-2xx or socket errors); HAProxy: app2 $(stat_of app2 status)," \
  "retries $(stat_of app1 wretr)/$(stat_of app2 wretr), redispatches $(stat_of app1 wredis)/$(stat_of app2 wredis) (app1/app2)"
grep -E 'Requests/sec|99%' "$WORK/kill.txt" | sed 's/^/  /'
expect "no request lost when an instance dies under load" 0 "$lost"
started=$(date +%s.%N)
start_app app2 $((APP_PORT + 1)) "$STANDBY"
for _ in $(seq 1 100); do [[ $(stat_of app2 status) == UP ]] && break; sleep 0.2; done
echo "  app2 restarted and back in the balancer (status $(stat_of app2 status)) $(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')") s later"

((failures == 0)) || { echo "$failures check(s) failed" >&2; exit 1; }
