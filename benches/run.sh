#!/usr/bin/env bash
# Benchmark: the release build on a partner's whole book of business (5,000
# customers, about 50,000 reservations, millions of days of utilization),
# loaded by wrk at 64 connections. Each endpoint is reported as requests per
# second, p50 and p99, and as a ratio to /healthz measured in the same run;
# then a CSV export, a CSV import of 50,000 rows and the servers' peak
# memory.
#
#   benches/run.sh [--postgres] [--nodes 2] [--customers N] [seconds per endpoint, default 10]
#
# --postgres  the database is a throwaway PostgreSQL cluster (with its
#             default durability) instead of a SQLite file
# --customers N  the data set's size (default 5,000; the scale run uses 20,000)
# --nodes 2   two app nodes on the one database behind nginx (the
#             configuration in deploy/nginx.conf), measured through nginx
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=sqlite
NODES=1
CUSTOMERS=5000
while [ $# -gt 0 ]; do
    case "$1" in
    --postgres) ENGINE=postgres; shift ;;
    --nodes) NODES=$2; shift 2 ;;
    --customers) CUSTOMERS=$2; shift 2 ;;
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
SEED_START=$(date +%s.%N)
"$BIN" seed --database "$DB" --customers "$CUSTOMERS" --seed 1 --today "$TODAY"
echo "seeded $CUSTOMERS customers in $(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$SEED_START" "$(date +%s.%N)") s"

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

# Signs in as $1; prints the session cookie's value.
sign_in() {
    local jar="$WORK/cookies-$1" token
    token=$(curl -s -c "$jar" -b "$jar" "$BASE/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | cut -d'"' -f4)
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$1" \
        --data-urlencode "password=Partner-Demo-2026" --data-urlencode "csrf_token=$token" "$BASE/sign-in"
    awk '$6 == "pd_session" { print $7 }' "$jar"
}
# Prints the anti-forgery token of the session $1.
csrf_of() {
    curl -s -b "pd_session=$1" "$BASE/account/password" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4
}
# The sales agent (who may rename reservations) for every page; the admin
# (who may start a refund) for the wizard.
SESSION=$(sign_in sales@partner.example)
CSRF=$(csrf_of "$SESSION")
ADMIN_SESSION=$(sign_in admin@partner.example)
ADMIN_CSRF=$(csrf_of "$ADMIN_SESSION")

# Targets from the data, and one rename per reservation for the POST (each
# form carries the version it was loaded from, so every post is a real save).
rows_of "select r.reservation_guid, o.order_guid from reservations r join reservation_orders o on o.id = r.order_id where r.customer_id = 2345 order by r.id limit 1" \
    | tr '|' ' ' > "$WORK/targets"
rows_of "select reservation_guid, resource_type, version from reservations order by id limit 50000" > "$WORK/rows"
benches/posts.py "$WORK/rows" "$WORK/posts.lua" "$SESSION" "$CSRF"
read -r GUID ORDER < "$WORK/targets"
# A reservation in force, for the refund wizard: Basics, then the Problem
# step (its live quote) is what is measured.
REFUNDABLE=$(rows_of "select reservation_guid from reservations where provisioning_state = 'Succeeded' and expiry_date > '$TODAY' and customer_id = 2345 order by id limit 1")
BASICS=$(curl -s -o /dev/null -w '%{redirect_url}' -b "pd_session=$ADMIN_SESSION" --data-urlencode "csrf_token=$ADMIN_CSRF" \
    --data-urlencode "kind=Refund" "$BASE/reservations/$REFUNDABLE/support")
PROBLEM=$(curl -s -o /dev/null -w '%{redirect_url}' -b "pd_session=$ADMIN_SESSION" --data-urlencode "csrf_token=$ADMIN_CSRF" \
    --data-urlencode "nav=next" "$BASICS")
PROBLEM=${PROBLEM#"$BASE"}
[ -n "$PROBLEM" ] || { echo "could not reach the wizard's Problem step" >&2; exit 1; }
# The CSV export: one region of the whole book, streamed.
REGION=$(rows_of "select region from reservations group by region order by count(*) desc limit 1")

measure() { # name, path, [lua script], [session]
    local name=$1 path=$2 script=${3:-} session=${4:-$SESSION}
    local out
    if [ -n "$script" ]; then
        out=$(wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency -s "$script" "$BASE$path")
    else
        out=$(wrk -t2 -c$CONNECTIONS -d"${DURATION}s" --latency -H "Cookie: pd_session=$session" "$BASE$path")
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
    measure "home (tiles)" "/"
    measure "requests queue" "/requests"
    measure "activity log" "/reservations/$GUID/activity"
    measure "wizard Problem (quote)" "$PROBLEM" "" "$ADMIN_SESSION"
    measure "POST rename (signed in)" "/" "$WORK/posts.lua"
} > "$RESULTS"

# The export, downloaded whole three times (one at a time): rows, time,
# and the server's memory before and after.
EXPORTED=""
for _ in 1 2 3; do
    EXPORTED="$EXPORTED $(curl -s -o "$WORK/export.csv" -w '%{time_total}' -b "pd_session=$SESSION" "$BASE/reservations/export.csv?region=$REGION")"
done
EXPORT_ROWS=$(( $(wc -l < "$WORK/export.csv") - 1 ))
EXPORT_MB=$(( $(stat -c %s "$WORK/export.csv") / 1000000 ))

# The CSV import of 50,000 reservations as the admin: the upload with its
# preview, then the import in one transaction until its result shows.
benches/import_file.py 50000 > "$WORK/import.csv"
IMPORT_CSRF=$(csrf_of "$ADMIN_SESSION")
UPLOAD=$(curl -s -o /dev/null -w '%{time_total} %{redirect_url}' -b "pd_session=$ADMIN_SESSION" \
    -F "csrf_token=$IMPORT_CSRF" -F "file=@$WORK/import.csv;type=text/csv" "$BASE/admin/import")
UPLOADED=${UPLOAD%% *}
PREVIEW=${UPLOAD#* }
PREVIEW=${PREVIEW#"$BASE"}
[ -n "$PREVIEW" ] || { echo "the import's upload was not taken" >&2; exit 1; }
IMPORT_START=$(date +%s.%N)
curl -s -o /dev/null -b "pd_session=$ADMIN_SESSION" --data-urlencode "csrf_token=$IMPORT_CSRF" "$BASE$PREVIEW"
for _ in $(seq 1200); do
    curl -s -b "pd_session=$ADMIN_SESSION" "$BASE$PREVIEW" | grep -q 'id="import-result"' && break
    sleep 0.05
done
IMPORTED=$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$IMPORT_START" "$(date +%s.%N)")

PEAK=$(for pid in "${PIDS[@]}"; do awk '/VmHWM/ { print $2 " " $3 }' "/proc/$pid/status"; done | paste -sd, - | sed 's/,/, /g')
SETUP="$ENGINE, $NODES node(s)"
[ "$NODES" -gt 1 ] && SETUP="$SETUP behind nginx"
python3 - "$RESULTS" "$PEAK" "$DURATION" "$SETUP" "$CUSTOMERS" "$EXPORT_ROWS" "$EXPORT_MB" "$EXPORTED" "$UPLOADED" "$IMPORTED" <<'PY'
import sys
rows = [l.strip().split("|") for l in open(sys.argv[1]) if l.strip()]
base = float(rows[0][1])
print(f"\n{sys.argv[4]}: {len(rows)} endpoints, 64 connections, {sys.argv[3]} s each, release build, {int(sys.argv[5]):,} customers\n")
print(f"{'endpoint':28} {'req/s':>10} {'ratio':>7} {'p50':>10} {'p99':>10}  errors")
for name, rps, p50, p99, errors in rows:
    print(f"{name:28} {float(rps):10.0f} {float(rps)/base:7.2f} {p50:>10} {p99:>10}  {errors}")
times = ", ".join(f"{float(t):.2f} s" for t in sys.argv[8].split())
print(f"\nCSV export: {int(sys.argv[6]):,} rows ({sys.argv[7]} MB) in {times}")
print(f"CSV import: 50,000 rows uploaded and previewed in {float(sys.argv[9]):.2f} s, imported in {float(sys.argv[10]):.2f} s")
print(f"server peak memory (VmHWM, per node): {sys.argv[2]}")
PY
