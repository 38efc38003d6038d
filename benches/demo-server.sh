# Sourced by benches/lighthouse.sh and benches/scan.sh: builds the release
# binary, serves the demo data from a temporary folder on a free port
# (stopped and removed on exit), and signs agents in.
#
# After sourcing: WORK (the folder), BASE (the server's address), and
#   session_of EMAIL   prints a signed-in session token for that demo agent
#   field NAME         reads a form field's value from a page on stdin

cargo build --release --quiet
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
RUST_LOG=warn target/release/partner-dashboard serve --demo --database "$WORK/demo.db" \
    --bind "127.0.0.1:$PORT" --today 2026-11-25 > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

field() { grep -o "name=\"$1\" value=\"[^\"]*\"" | head -1 | cut -d'"' -f4; }

session_of() {
    local jar token
    jar=$(mktemp -p "$WORK")
    token=$(curl -s -c "$jar" -b "$jar" "$BASE/sign-in" | field csrf_token)
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$1" \
        --data-urlencode "password=Partner-Demo-2026" --data-urlencode "csrf_token=$token" "$BASE/sign-in"
    awk '$6 == "pd_session" { print $7 }' "$jar"
}
