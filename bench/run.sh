#!/usr/bin/env bash
# Builds the bench gateway, starts the reference peers and our gateway (compiled, NODE_ENV=production)
# on :4000, runs the side-by-side comparison, and stops everything it started, whatever happens.
# Usage: bench/run.sh [extra NAME=URL pairs for compare.sh]
#   WORKERS=N        run our gateway as N node:cluster workers (default, as for npm start: one per core)
#   DUR=8 CONNS=100  passed on to compare.sh
#   SCALE=10         serve SCALE× the harness's data (100×SCALE posts, 10×SCALE users) to every server
#   HARNESS=../shared/bench     where peers.sh and compare.sh live
#   WARMUP=5         seconds of load per server and query before measuring (0: measure cold)
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
harness=${HARNESS:-$root/../shared/bench}
port=${PORT:-4000}
log=${BENCH_LOG:-/tmp/tributary-bench-gateway.log}
gateway_pid=
peers_started=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$gateway_pid" ] && kill -0 "$gateway_pid" 2>/dev/null; then
    kill -TERM "$gateway_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$gateway_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$gateway_pid" 2>/dev/null || true
  fi
  [ -n "$peers_started" ] && "$harness/peers.sh" stop || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== building bench/dist"
rm -rf "$bench/dist"
"$root/node_modules/.bin/tsc" -p "$bench/tsconfig.json"

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is already in use; stop whatever listens there first" >&2
  exit 1
fi

echo "== load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "== starting peers"
peers_started=1
"$harness/peers.sh" start
scale=${SCALE:-1}
[ "$scale" -gt 1 ] && node "$bench/scaleUpstreamData.mjs" /tmp/bench-upstream/data "$scale"

workers=${WORKERS:-$(nproc)}
# The Node flags npm start runs the gateway with (package.json's start script), so both run alike.
node_flags=$(node -p 'const m = /exec node (.*?) ?dist\/main\.js/.exec(require(process.argv[1]).scripts.start); if (!m) throw new Error("npm start is not `exec node [flags] dist/main.js`"); m[1]' "$root/package.json")
echo "== starting our gateway on :$port (WORKERS=$workers, node $node_flags)"
# shellcheck disable=SC2086
NODE_ENV=production PORT=$port WORKERS=$workers node $node_flags "$bench/dist/bench/startBenchGateway.js" >"$log" 2>&1 &
gateway_pid=$!
ready=
for _ in $(seq 100); do
  if [ "$(curl -s "http://127.0.0.1:$port/readyz")" = '{"status":"ready"}' ]; then ready=1; break; fi
  kill -0 "$gateway_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "our gateway did not become ready; its log ($log):" >&2
  cat "$log" >&2
  exit 1
fi
# With several workers, /readyz may have answered from the first one only: give the others a moment.
[ "$workers" -gt 1 ] && for _ in $(seq 50); do grep -q 'workers listening' "$log" && break; sleep 0.1; done
cat "$log"

# Sanity check: Q1 must come back with data and no errors before we measure it.
q1=$(curl -s -XPOST -H 'content-type: application/json' \
  -d '{"query":"{posts{id,userId,title,user{id,name,email}}}"}' "http://127.0.0.1:$port/graphql")
if ! node -e '
  const r = JSON.parse(process.argv[1]);
  const posts = r.data && r.data.posts;
  if (r.errors || !Array.isArray(posts) || posts.length !== 100 * Number(process.argv[2]) || posts.some((p) => !p.user || p.user.id !== p.userId)) process.exit(1);
' "$q1" "$scale"; then
  echo "Q1 answer is wrong: ${q1:0:500}" >&2
  exit 1
fi
echo "Q1 check ok ($((100 * scale)) posts, each with its user)"

# Peak resident memory of every gateway process (the primary and its workers), sampled each second.
rss_log="$log.rss"
: >"$rss_log"
( while kill -0 "$gateway_pid" 2>/dev/null; do
    ps -o pid=,rss= -p "$gateway_pid" --ppid "$gateway_pid" >>"$rss_log" 2>/dev/null || true
    sleep 1
  done ) &
sampler_pid=$!

# Warm every server the same way before measuring, as the Tailcall graphql-benchmarks suite does
# (three unrecorded runs before the recorded one): a Node server's first seconds run unoptimized
# code, and a steady state is what a deployed gateway serves. WARMUP=0 measures cold.
warmup=${WARMUP:-5}
if [ "$warmup" -gt 0 ]; then
  # shellcheck source=/dev/null
  source "$harness/queries.sh"
  echo "== warm-up: ${warmup}s per server and query, not recorded"
  for q in Q1 Q2 Q3; do
    for u in http://127.0.0.1:8000/ http://127.0.0.1:8001/graphql "http://127.0.0.1:$port/graphql"; do
      curl -s -m 2 -o /dev/null "$u" || continue
      Q="${!q}" wrk -t1 -c"${CONNS:-100}" -d"${warmup}s" -s "$harness/wrk.lua" "$u" >/dev/null 2>&1 || true
    done
  done
fi

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$root" status --porcelain -- src bench 2>/dev/null)" ] && commit+=" + uncommitted changes in src/ or bench/"
echo "== compare.sh (DUR=${DUR:-8} CONNS=${CONNS:-100} WARMUP=${warmup}s, WORKERS=$workers, SCALE=$scale, $(nproc) cores, commit $commit, $(date -u +%FT%TZ))"
"$harness/compare.sh" "ours=http://127.0.0.1:$port/graphql" "$@" | tee "$log.compare"
kill "$sampler_pid" 2>/dev/null || true
echo "peak RSS per gateway process (MB): $(awk '{ if ($2 > peak[$1]) peak[$1] = $2 } END { for (p in peak) printf "%s=%.0f ", p, peak[p] / 1024 }' "$rss_log")"
# The peers and the load generator share this machine with everything else on it: a high load
# average here means the figures above are noisy, so run again.
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
# wrk counts refused requests (429, 5xx) as requests: such a row measures the refusal, not the query.
if grep -E '^ours .*non-2xx' "$log.compare" >/dev/null; then
  echo "our gateway answered non-2xx statuses under load (see the rows above and $log): these figures are not valid" >&2
  exit 1
fi
