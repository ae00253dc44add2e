# Sourced by the bench scripts: one wrk measurement, as "req/s p50-ms p99-ms".
# wrk's Requests/sec and its 50% and 99% latencies in ms; non-2xx answers and socket errors fail the run.
measure() { # url duration
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$2" --timeout 10s --latency "$1")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "wrk $1: $(grep -E 'Non-2xx|Socket errors' <<<"$out")" >&2; exit 1; fi
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
       $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
       END { printf "%s %.2f %.2f\n", rps, p50, p99 }' <<<"$out"
}

