#!/usr/bin/env bash
# An independent web scanner (wapiti 3.2, from PyPI in a virtual
# environment: Debian's 3.0.4 fails on any --exclude) against the
# release build on the demo data: once signed out, once signed in as the
# admin agent (sign-out excluded, so the session stays). Prints what each
# scan found, category by category.
#
#   benches/scan.sh [seconds per scan, default 300]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_SCAN="${1:-300}"

VENV="${WAPITI_VENV:-$HOME/.cache/partner-dashboard/wapiti}"
if [ ! -x "$VENV/bin/wapiti" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet wapiti3==3.2.3
fi
WAPITI="$VENV/bin/wapiti"

cargo build --release --quiet
BIN=target/release/partner-dashboard
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
RUST_LOG=warn "$BIN" serve --demo --database "$WORK/demo.db" --bind "127.0.0.1:$PORT" --today 2026-11-25 > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

JAR="$WORK/cookies"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "email=admin@partner.example" \
    --data-urlencode "password=Partner-Demo-2026" --data-urlencode "csrf_token=$TOKEN" "$BASE/sign-in"
SESSION=$(awk '$6 == "pd_session" { print $7 }' "$JAR")

scan() { # name, [extra wapiti arguments…]
    local name=$1; shift
    "$WAPITI" -u "$BASE/" --scope folder -f json -o "$WORK/$name.json" \
        --max-scan-time "$SECONDS_PER_SCAN" --max-attack-time 120 --flush-session -v 0 "$@" >/dev/null 2>&1 || true
    python3 - "$WORK/$name.json" "$name" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"## {sys.argv[2]}")
for section in ("vulnerabilities", "anomalies", "additionals"):
    for category, findings in sorted(report.get(section, {}).items()):
        if findings:
            print(f"- {section} / {category}: {len(findings)}")
            for f in findings[:5]:
                print(f"    {f.get('method', '')} {f.get('path', '')} {f.get('info', '')[:160]}")
print(f"- pages crawled: {report.get('infos', {}).get('crawled_pages_nbr', '?')}")
PY
}

scan "signed-out"
scan "signed-in" -H "Cookie: pd_session=$SESSION" -x "$BASE/sign-out" -x "$BASE/sign-in"
