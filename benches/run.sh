#!/usr/bin/env bash
# Benchmark: the release build on a partner's whole book of business (5,000
# customers, about 50,000 reservations, millions of days of utilization),
# loaded by wrk at 64 connections. Each endpoint is reported as requests per
# second, p50 and p99, and as a ratio to /healthz measured in the same run;
# then the server's peak memory.
#
#   benches/run.sh [seconds per endpoint, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS=64

if ! command -v wrk >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

cargo build --release --quiet
BIN=target/release/partner-dashboard
WORK=$(mktemp -d)
DB="$WORK/bench.db"
TODAY=2026-11-25
"$BIN" seed --database "$DB" --customers 5000 --seed 1 --today "$TODAY"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
RUST_LOG=warn "$BIN" serve --database "$DB" --bind "127.0.0.1:$PORT" --today "$TODAY" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

# Sign in as the sales agent (who may rename reservations).
JAR="$WORK/cookies"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | cut -d'"' -f4)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "email=sales@partner.example" \
    --data-urlencode "password=Partner-Demo-2026" --data-urlencode "csrf_token=$TOKEN" "$BASE/sign-in"
SESSION=$(awk '$6 == "pd_session" { print $7 }' "$JAR")
CSRF=$(curl -s -b "pd_session=$SESSION" "$BASE/account/password" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4)

# Targets from the data, and one rename per reservation for the POST (each
# form carries the version it was loaded from, so every post is a real save).
python3 - "$DB" "$WORK" <<'PY'
import sqlite3, sys, urllib.parse
db, work = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
guid, order = c.execute("select r.reservation_guid, o.order_guid from reservations r join reservation_orders o on o.id = r.order_id where r.customer_id = 2345 limit 1").fetchone()
open(f"{work}/targets", "w").write(f"{guid} {order}\n")
rows = c.execute("select reservation_guid, resource_type, version from reservations order by id").fetchall()
with open(f"{work}/posts.lua", "w") as f:
    f.write("bodies = {\n")
    for g, t, v in rows:
        flex = "On" if t in ("VirtualMachines", "SqlDatabases") else ""
        f.write('{"/reservations/%s/configuration", "name=bench-%s&scope=shared&flexibility=%s&version=%d"},\n' % (g, g[:8], flex, v))
    f.write("}\n")
PY
read -r GUID ORDER < "$WORK/targets"
cat >> "$WORK/posts.lua" <<LUA
counter = 0
request = function()
    counter = counter + 1
    local b = bodies[(counter * 7919) % #bodies + 1]
    return wrk.format("POST", b[1], {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "pd_session=$SESSION", ["X-CSRF-Token"] = "$CSRF"}, b[2])
end
LUA

measure() { # name, path, [lua script]
    local name=$1 path=$2 script=${3:-}
    local out
    if [ -n "$script" ]; then
        out=$(wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency -s "$script" "$BASE$path")
    else
        out=$(wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency -H "Cookie: pd_session=$SESSION" "$BASE$path")
    fi
    local rps p50 p99 errors
    rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
    p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
    errors=$(echo "$out" | awk '/Non-2xx or 3xx responses/ { print $5 } /Socket errors/ { print "socket:" $4 $6 $8 $10 }' | paste -sd' ')
    echo "$name|$rps|$p50|$p99|${errors:-0}"
}

RESULTS="$WORK/results"
{
    measure "health (baseline)" "/healthz"
    measure "customer list" "/customers"
    measure "customer search" "/customers?q=harbor%20logistics"
    measure "customer's reservations" "/customers/2345/reservations"
    measure "reservation overview" "/reservations/$GUID"
    measure "look-up by order ID" "/lookup?q=$ORDER"
    measure "POST rename (signed in)" "/" "$WORK/posts.lua"
} > "$RESULTS"

PEAK=$(awk '/VmHWM/ { print $2 " " $3 }' /proc/$PID/status)
python3 - "$RESULTS" "$PEAK" "$DURATION" <<'PY'
import sys
rows = [l.strip().split("|") for l in open(sys.argv[1]) if l.strip()]
base = float(rows[0][1])
print(f"\n{len(rows)} endpoints, 64 connections, {sys.argv[3]} s each, release build, 5,000 customers\n")
print(f"{'endpoint':28} {'req/s':>10} {'ratio':>7} {'p50':>10} {'p99':>10}  errors")
for name, rps, p50, p99, errors in rows:
    print(f"{name:28} {float(rps):10.0f} {float(rps)/base:7.2f} {p50:>10} {p99:>10}  {errors}")
print(f"\nserver peak memory (VmHWM): {sys.argv[2]}")
PY
