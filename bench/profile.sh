#!/usr/bin/env bash
# CPU-profiles our compiled gateway (single process) under a short wrk load, one query at a time,
# and prints the top self-time functions of each profile.
# Usage: bench/profile.sh [Q1 Q2 Q3]   (default Q1 Q3)
#   DUR=8 CONNS=100  wrk duration and connections;  OUT=/tmp/tributary-profiles  where .cpuprofile files go
# Starts the peers (for the upstream) and stops them, and every gateway it started, on exit.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
harness=${HARNESS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/bench}
port=${PORT:-4000}
out=${OUT:-/tmp/tributary-profiles}
dur=${DUR:-8} conns=${CONNS:-100}
queries=("$@")
[ ${#queries[@]} -gt 0 ] || queries=(Q1 Q3)
# shellcheck source=/dev/null
source "$harness/queries.sh"
gateway_pid=
peers_started=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$gateway_pid" ] && kill -0 "$gateway_pid" 2>/dev/null; then kill -KILL "$gateway_pid" 2>/dev/null || true; fi
  [ -n "$peers_started" ] && "$harness/peers.sh" stop || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$bench/dist"
"$root/node_modules/.bin/tsc" -p "$bench/tsconfig.json"
peers_started=1
"$harness/peers.sh" start
mkdir -p "$out"

for q in "${queries[@]}"; do
  dir="$out/$q"
  rm -rf "$dir" && mkdir -p "$dir"
  NODE_ENV=production PORT=$port WORKERS=1 node --cpu-prof --cpu-prof-dir="$dir" "$bench/dist/bench/startBenchGateway.js" >"$dir/gateway.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 100); do [ "$(curl -s "http://127.0.0.1:$port/readyz")" = '{"status":"ready"}' ] && break; sleep 0.1; done
  echo "== $q ${!q} (wrk -c$conns -d${dur}s)"
  Q="${!q}" wrk -t1 -c"$conns" -d"${dur}s" -s "$harness/wrk.lua" "http://127.0.0.1:$port/graphql" | grep -E 'Requests/sec|Non-2xx' || true
  kill -TERM "$gateway_pid"
  wait "$gateway_pid" || true
  gateway_pid=
  node "$bench/cpuprofile-top.mjs" "$dir"/*.cpuprofile "${TOP:-30}"
done
