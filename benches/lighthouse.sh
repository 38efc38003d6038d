#!/usr/bin/env bash
# Lighthouse (Performance, Accessibility, Best Practices) on the release
# build with the demo data, in Debian's Chromium, desktop and mobile, for
# the sign-in page, home, customers, a customer's reservations, a
# reservation's Overview and Properties, and the wizard's Problem step.
# Prints one line per page and form factor.
#
#   benches/lighthouse.sh
#
# Needs chromium (Debian) and Node.js with npm; Lighthouse itself is
# installed from the npm registry into a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# shellcheck source=benches/demo-server.sh
. benches/demo-server.sh
LH_DIR="${LIGHTHOUSE_DIR:-$WORK/lighthouse}"
if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]; then
    mkdir -p "$LH_DIR"
    (cd "$LH_DIR" && npm install --silent --no-audit --no-fund lighthouse@12 >/dev/null)
fi
LIGHTHOUSE="$LH_DIR/node_modules/.bin/lighthouse"

# A helpdesk agent's session (who may start a refund), and the targets.
SESSION=$(session_of helpdesk@partner.example)
CSRF=$(curl -s -b "pd_session=$SESSION" "$BASE/account/password" | field csrf_token)
GUID=$(python3 - "$WORK/demo.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("""select reservation_guid from reservations
    where customer_id = 2 and provisioning_state = 'Succeeded' and expiry_date > '2026-12-31'
    and resource_type in ('VirtualMachines', 'SqlDatabases', 'AppService') order by id limit 1""").fetchone()[0])
PY
)
BASICS=$(curl -s -o /dev/null -w '%{redirect_url}' -b "pd_session=$SESSION" \
    --data-urlencode "csrf_token=$CSRF" --data-urlencode "kind=Refund" "$BASE/reservations/$GUID/support")
PROBLEM=$(curl -s -o /dev/null -w '%{redirect_url}' -b "pd_session=$SESSION" \
    --data-urlencode "csrf_token=$CSRF" --data-urlencode "nav=next" "$BASICS")

FLAGS="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --disable-quic --no-first-run"
run() { # name, url, form factor, [cookie]
    local name=$1 url=$2 form=$3 cookie=${4:-}
    local args=(--quiet --output=json --output-path="$WORK/report.json" --chrome-flags="$FLAGS"
        --only-categories=performance,accessibility,best-practices)
    [ "$form" = desktop ] && args+=(--preset=desktop)
    [ -n "$cookie" ] && args+=(--extra-headers="{\"Cookie\": \"pd_session=$cookie\"}")
    CHROME_PATH=/usr/bin/chromium "$LIGHTHOUSE" "$url" "${args[@]}" >/dev/null 2>&1 || true
    python3 - "$WORK/report.json" "$name" "$form" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
score = lambda k: round((c[k]["score"] or 0) * 100)
cls = r["audits"]["cumulative-layout-shift"]["numericValue"]
failing = sorted({a["id"] for k in c for a in c[k]["auditRefs"]
                  if a["weight"] > 0 and (r["audits"][a["id"]]["score"] or 0) < 1})
print(f"| {sys.argv[2]} | {sys.argv[3]} | {score('performance')} | {score('accessibility')} | {score('best-practices')} | {cls:.3f} | {', '.join(failing) or '—'} |")
PY
}

echo "| Page | Form factor | Performance | Accessibility | Best Practices | CLS | Falling short |"
echo "|---|---|---|---|---|---|---|"
for form in ${FORMS:-desktop mobile}; do
    run "Sign-in" "$BASE/sign-in" "$form"
    run "Home" "$BASE/" "$form" "$SESSION"
    run "Customers" "$BASE/customers" "$form" "$SESSION"
    run "A customer's reservations" "$BASE/customers/2/reservations" "$form" "$SESSION"
    run "Overview" "$BASE/reservations/$GUID" "$form" "$SESSION"
    run "Properties" "$BASE/reservations/$GUID/properties" "$form" "$SESSION"
    run "Wizard: Problem" "$PROBLEM" "$form" "$SESSION"
done
