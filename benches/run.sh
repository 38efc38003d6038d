#!/usr/bin/env bash
# Benchmark: the release build on a partner's whole book of business (5,000
# customers, about 50,000 reservations, millions of days of utilization),
# loaded by wrk at 64 connections. Each endpoint is reported as requests per
# second, p50 and p99, and as a ratio to /healthz measured in the same run;
# then the servers' peak memory.
#
#   benches/run.sh [--postgres] [--nodes 2] [seconds per endpoint, default 10]
#
# --postgres  the database is a throwaway PostgreSQL cluster (with its
#             default durability) instead of a SQLite file
# --nodes 2   two app nodes on the one database behind nginx (the
#             configuration in deploy/nginx.conf), measured through nginx
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=sqlite
NODES=1
while [ $# -gt 0 ]; do
    case "$1" in
    --postgres) ENGINE=postgres; shift ;;
    --nodes) NODES=$2; shift 2 ;;
    *) break ;;
    esac
done
DURATION="${1:-10}"
CONNECTIONS=64

need=()
command -v wrk >/dev/null || need+=(wrk)
[ "$NODES" -gt 1 ] && ! command -v nginx >/dev/null && need+=(nginx)
[ "$ENGINE" = postgres ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cargo build --release --quiet
BIN=target/release/partner-dashboard
WORK=$(mktemp -d)
PIDS=()
CLUSTER=""
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    [ -n "$CLUSTER" ] && .ci/postgres stop "$CLUSTER" || true
    if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
if [ "$ENGINE" = postgres ]; then
    CLUSTER=$(mktemp -d)
    SERVER=$(PD_PG_DURABLE=1 .ci/postgres start "$CLUSTER")
    psql "$SERVER/postgres" -qc "CREATE DATABASE bench"
    DB="$SERVER/bench"
    rows_of() { psql "$DB" -At -F '|' -c "$1"; }
else
    DB="$WORK/bench.db"
    rows_of() { python3 -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(map(str, r)))' "$DB" "$1"; }
fi
TODAY=2026-11-25
"$BIN" seed --database "$DB" --customers 5000 --seed 1 --today "$TODAY"

for n in $(seq "$NODES"); do
    port=$(free_port)
    PORTS+=("$port")
    extra=()
    [ "$NODES" -gt 1 ] && extra=(--trust-proxy)
    RUST_LOG=warn "$BIN" serve --database "$DB" --bind "127.0.0.1:$port" --today "$TODAY" "${extra[@]}" \
        > "$WORK/node$n.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
done
if [ "$NODES" -gt 1 ]; then
    PORT=$(free_port)
    servers=""
    for port in "${PORTS[@]}"; do servers="$servers        server 127.0.0.1:$port max_fails=2 fail_timeout=10s;\n"; done
    # deploy/nginx.conf with this run's ports and paths.
    python3 - "$WORK" "$PORT" "$servers" <<'PY'
import re, sys
work, port, servers = sys.argv[1], sys.argv[2], sys.argv[3].replace("\\n", "\n")
conf = open("deploy/nginx.conf").read()
conf = conf.replace("/run/partner-dashboard-nginx.pid", f"{work}/nginx.pid")
conf = conf.replace("/var/log/nginx/partner-dashboard-error.log", f"{work}/nginx-error.log")
conf = re.sub(r"(        server 127\.0\.0\.1:\d+ [^\n]*\n)+", servers, conf)
conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};")
open(f"{work}/nginx.conf", "w").write(conf)
PY
    nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
else
    PORT=${PORTS[0]}
fi
BASE="http://127.0.0.1:$PORT"
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
rows_of "select r.reservation_guid, o.order_guid from reservations r join reservation_orders o on o.id = r.order_id where r.customer_id = 2345 order by r.id limit 1" \
    | tr '|' ' ' > "$WORK/targets"
rows_of "select reservation_guid, resource_type, version from reservations order by id" > "$WORK/rows"
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/posts.lua", "w") as f:
    f.write("bodies = {\n")
    for line in open(f"{work}/rows"):
        g, t, v = line.strip().split("|")
        flex = "On" if t in ("VirtualMachines", "SqlDatabases") else ""
        f.write('{"/reservations/%s/configuration", "name=bench-%s&scope=shared&flexibility=%s&version=%d"},\n' % (g, g[:8], flex, int(v)))
    f.write("}\n")
PY
read -r GUID ORDER < "$WORK/targets"
cat >> "$WORK/posts.lua" <<LUA
-- Each of wrk's threads walks its own half of the reservations, so no two
-- posts carry the same reservation's version (which would be a conflict).
counter = 0
threads = 0
function setup(thread)
    thread:set("offset", threads * math.floor(#bodies / 2))
    threads = threads + 1
end
function init(args)
    counter = offset
end
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

PEAK=$(for pid in "${PIDS[@]}"; do awk '/VmHWM/ { print $2 " " $3 }' "/proc/$pid/status"; done | paste -sd, - | sed 's/,/, /g')
SETUP="$ENGINE, $NODES node(s)"
[ "$NODES" -gt 1 ] && SETUP="$SETUP behind nginx"
python3 - "$RESULTS" "$PEAK" "$DURATION" "$SETUP" <<'PY'
import sys
rows = [l.strip().split("|") for l in open(sys.argv[1]) if l.strip()]
base = float(rows[0][1])
print(f"\n{sys.argv[4]}: {len(rows)} endpoints, 64 connections, {sys.argv[3]} s each, release build, 5,000 customers\n")
print(f"{'endpoint':28} {'req/s':>10} {'ratio':>7} {'p50':>10} {'p99':>10}  errors")
for name, rps, p50, p99, errors in rows:
    print(f"{name:28} {float(rps):10.0f} {float(rps)/base:7.2f} {p50:>10} {p99:>10}  {errors}")
print(f"\nserver peak memory (VmHWM, per node): {sys.argv[2]}")
PY
