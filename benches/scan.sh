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

# shellcheck source=benches/demo-server.sh
. benches/demo-server.sh
SESSION=$(session_of admin@partner.example)

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
