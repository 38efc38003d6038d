#!/usr/bin/env bash
# Where one endpoint's time goes: the release server on the benchmark's
# data set (5,000 customers, SQLite), loaded by wrk at 64 connections while
# `perf` samples it; prints the functions with the most samples.
#
#   [CALLS=1] benches/profile.sh PATH [seconds, default 8] [--post]
#
# PATH is fetched signed in as the sales agent (e.g. /customers); with
# --post it is the rename POST of benches/run.sh. Needs Debian's wrk and
# linux-perf (installed if missing) and permission to use perf (root, or
# kernel.perf_event_paranoid <= 1). CALLS=1 samples call graphs and
# reports each function with what it calls.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=$1
DURATION=${2:-8}
POST=${3:-}
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v perf >/dev/null || need+=(linux-perf)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --quiet
BIN=target/release/partner-dashboard
WORK=${PROFILE_WORK:-$(mktemp -d)}
DB="$WORK/bench.db"
[ -f "$DB" ] || "$BIN" seed --database "$DB" --customers 5000 --seed 1 --today 2026-11-25 >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
RUST_LOG=warn "$BIN" serve --database "$DB" --bind "127.0.0.1:$PORT" --today 2026-11-25 >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
JAR="$WORK/cookies"
rm -f "$JAR"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | cut -d'"' -f4)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "email=sales@partner.example" \
    --data-urlencode "password=Partner-Demo-2026" --data-urlencode "csrf_token=$TOKEN" "$BASE/sign-in"
SESSION=$(awk '$6 == "pd_session" { print $7 }' "$JAR")
CSRF=$(curl -s -b "pd_session=$SESSION" "$BASE/account/password" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4)
if [ "$POST" = --post ]; then
    # One rename per reservation, each with the version it has, so every
    # post is a real save (as in benches/run.sh).
    python3 -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute(
        "select reservation_guid, resource_type, version from reservations order by id limit 50000"):
    print("|".join(map(str, r)))' "$DB" >"$WORK/rows"
    benches/posts.py "$WORK/rows" "$WORK/post.lua" "$SESSION" "$CSRF"
    wrk -t2 -c64 -d"$((DURATION + 2))s" -s "$WORK/post.lua" "$BASE$TARGET" >"$WORK/wrk.txt" &
    WRK=$!
else
    wrk -t2 -c64 -d"$((DURATION + 2))s" -H "Cookie: pd_session=$SESSION" "$BASE$TARGET" >"$WORK/wrk.txt" &
    WRK=$!
fi
sleep 1
if [ "${CALLS:-0}" = 1 ]; then
    # Each function with what it calls: the share of samples under it.
    perf record -F 199 --call-graph dwarf,16384 -p "$PID" -o "$WORK/perf.data" -- sleep "$DURATION" 2>/dev/null >/dev/null
    wait "$WRK"
    echo "== $TARGET: $(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt") req/s (with what each function calls)"
    perf report -i "$WORK/perf.data" --children --sort symbol --stdio -g none --percent-limit 2 2>/dev/null \
        | grep -v "^#" | grep -v "^$" | sed 's/ *$//' | cut -c1-170 \
        | grep -v "tokio\|actix_service\|core::ops\|std::sys\|start_thread\|clone3\|thread_start\|harness\|LocalKey\|FnOnce\|backtrace" | head -60
    exit 0
fi
perf record -F 499 -p "$PID" -o "$WORK/perf.data" -- sleep "$DURATION" 2>/dev/null >/dev/null
wait "$WRK"
echo "== $TARGET: $(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt") req/s"
perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null \
    | grep -v "^#" | grep -v "^$" | sed "s/  \+-  \+- *$//; s/ *$//" | cut -c1-160 | head -30
