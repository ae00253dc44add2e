# Sourced by bench/cluster.sh once the cluster is up: the API's multi-instance rules, checked through the balancer.
# Each group of checks calls from its own loopback address (curl --interface), so the token rate limit one group
# provokes (per client address) does not refuse the next group's sign-ins.
failures=0
ok() { echo "  ok    $*"; }
bad() { echo "  FAIL  $*"; failures=$((failures + 1)); }
expect() { # description expected actual
  if [[ $2 == "$3" ]]; then ok "$1"; else bad "$1: expected $2, got $3"; fi
}
# status and X-Served-By of one request, as "status server"
call() { # from-address curl-args...
  local from=$1; shift
  curl -s -o /dev/null -D - --interface "$from" "$@" | awk 'NR == 1 { s = $2 } tolower($1) == "x-served-by:" { b = $2 } END { printf "%s %s", s, b }' | tr -d '\r'
}
json() { curl -s -H 'Content-Type: application/json' "$@"; }

echo "== Checks through the balancer ($LB)"
SHOP_USER_PASSWORD='locked-Out-2' "${APP[@]}" createuser --username locky --email locky@example.com --noinput >/dev/null

servers=$(for _ in 1 2 3 4 5 6; do call 127.0.0.1 "$LB/api/products"; echo; done | awk '{ print $2 }' | sort -u | tr '\n' ' ')
expect "anonymous reads are spread over both instances" "app1 app2 " "$servers"

token=$(json --interface 127.0.0.2 -d '{"username":"boss","password":"cluster-Secret-1"}' "$LB/api/token" | jq -r .access)
[[ $token == ey* ]] && ok "a staff token through the balancer" || bad "no token: $token"
auth=(-H "Authorization: Bearer $token")
created=$(json --interface 127.0.0.2 "${auth[@]}" -d '{"name":"Cluster lamp","price":10,"status":"published"}' "$LB/api/products")
id=$(jq -r .id <<<"$created")
[[ $id =~ ^[0-9]+$ ]] && ok "POST /api/products through the balancer → id $id" || bad "create: $created"

# Read your own writes: a signed-in caller's reads go to the primary, so every instance shows the change at once.
json --interface 127.0.0.2 "${auth[@]}" -X PATCH -d '{"price":12.5}' "$LB/api/products/$id" >/dev/null
prices=$(for _ in 1 2 3 4 5 6; do json --interface 127.0.0.2 "${auth[@]}" "$LB/api/products/$id" | jq -r .price; done | sort -u | tr '\n' ' ')
expect "the writer reads its change on every instance at once" "12.5 " "$prices"

# Anonymous reads come from the standby; right after a write they must not show what was there before it.
json --interface 127.0.0.2 "${auth[@]}" -X PATCH -d '{"price":13.75}' "$LB/api/products/$id" >/dev/null
prices=$(for _ in 1 2 3 4 5 6; do curl -s "$LB/api/products/$id" | jq -r .price; done | sort -u | tr '\n' ' ')
expect "anonymous readers see the change right after it on every instance" "13.75 " "$prices"

# The standby does the anonymous reads, the primary the signed-in ones (pg_stat_database: transactions per server;
# PostgreSQL publishes a backend's counts within ~10 s of it going idle, hence the waits).
xacts() { psql "$1" -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = 'shop'"; }
before_standby=$(xacts "$STANDBY"); before_primary=$(xacts "$PRIMARY")
for _ in $(seq 1 100); do curl -s -o /dev/null "$LB/api/products/$id"; done
sleep 11
after_standby=$(xacts "$STANDBY"); after_primary=$(xacts "$PRIMARY")
echo "  100 anonymous reads: standby +$((after_standby - before_standby)) transactions, primary +$((after_primary - before_primary))"
((after_standby - before_standby >= 100)) && ok "anonymous reads ran on the standby" || bad "anonymous reads did not run on the standby"
before_standby=$after_standby
for _ in $(seq 1 100); do curl -s -o /dev/null "${auth[@]}" "$LB/api/products/$id"; done
sleep 11
after_standby=$(xacts "$STANDBY")
echo "  100 signed-in reads: standby +$((after_standby - before_standby)) transactions"
((after_standby - before_standby < 10)) && ok "signed-in reads ran on the primary" || bad "signed-in reads ran on the standby"

# A cookie made by one instance is read by the other (data protection keys live in the database), and the login
# form's antiforgery token from one instance is accepted by the other.
jar="$WORK/cookies.txt"; rm -f "$jar"
form=$(curl -s --interface 127.0.0.2 -c "$jar" -b "$jar" "$LB/accounts/login")
af=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | sed 's/.*value="//; s/"$//')
signin=$(call 127.0.0.2 -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$af" \
  --data-urlencode "Username=boss" --data-urlencode "Password=cluster-Secret-1" "$LB/accounts/login")
[[ $signin == 302* ]] && ok "signed in on the login page ($signin)" || bad "login form answered $signin"
pages=$(for _ in 1 2 3 4; do call 127.0.0.2 -b "$jar" "$LB/admin"; echo; done | sort -u | tr '\n' ' ')
expect "the back-office cookie works on both instances" "200 app1 200 app2 " "$pages"

# Lockout is counted in the database: five wrong passwords over both instances lock the account everywhere.
for _ in 1 2 3 4 5; do json --interface 127.0.0.3 -o /dev/null -d '{"username":"locky","password":"wrong-wrong"}' "$LB/api/token"; done
locked=$(for _ in 1 2; do call 127.0.0.3 -H 'Content-Type: application/json' -d '{"username":"locky","password":"locked-Out-2"}' "$LB/api/token"; echo; done | sort | tr '\n' ' ')
expect "after 5 wrong passwords the right one is refused on both instances" "401 app1 401 app2 " "$locked"

# The token rate limit (10 a minute per client address) holds for the cluster, not per instance.
statuses=$(for _ in $(seq 1 12); do call 127.0.0.4 -H 'Content-Type: application/json' -d '{"username":"nobody","password":"x"}' "$LB/api/token" | cut -d' ' -f1; done | tr '\n' ' ')
expect "12 sign-ins from one address over two instances: 10 answered, then 429" "401 401 401 401 401 401 401 401 401 401 429 429 " "$statuses"
