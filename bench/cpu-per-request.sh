#!/usr/bin/env bash
# CPU time per request of two commits, measured in interleaved pairs: on a shared machine whose
# throughput moves by ±25 % from one minute to the next, a pair measured back to back moves
# together, so the ratio within each pair says what a side-by-side run cannot.
#
# Usage: bench/cpu-per-request.sh BASE [CANDIDATE] [QUERY]
#   BASE, CANDIDATE  commits (CANDIDATE defaults to HEAD; WORKTREE=1 measures the uncommitted work tree instead)
#   QUERY            Q1, Q2 or Q3 (default Q1)
#   PAIRS=6 DUR=8 CONNS=50 HARNESS=../shared/bench
# Each measurement starts one gateway process (WORKERS=1, npm start's Node flags, NODE_ENV=production)
# on the bench schema, warms it for 4 s, then divides the process's CPU time (user + system, from
# /proc) over a DUR-second wrk run by the requests it served. Starts the peers (for the upstream) and
# stops them, and every gateway and work tree it started, on exit.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
harness=${HARNESS:-$root/../shared/bench}
base=${1:?usage: bench/cpu-per-request.sh BASE [CANDIDATE] [QUERY]}
candidate=${2:-HEAD}
query=${3:-Q1}
pairs=${PAIRS:-6} dur=${DUR:-8} conns=${CONNS:-50} port=${PORT:-4000}
# shellcheck source=/dev/null
source "$harness/queries.sh"
[ -n "${!query:-}" ] || { echo "unknown query $query (Q1, Q2 or Q3)" >&2; exit 2; }
scratch=$(mktemp -d)
gateway_pid=
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "$gateway_pid" ] && kill -KILL "$gateway_pid" 2>/dev/null || true
  for tree in "$scratch"/tree-*; do [ -d "$tree" ] && git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true; done
  git -C "$root" worktree prune
  rm -rf "$scratch"
  "$harness/peers.sh" stop || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A built copy of one commit (or of the work tree itself), in its own directory.
build() {
  local name=$1 commit=$2 tree
  if [ "$commit" = WORKTREE ]; then
    tree=$root
  else
    tree="$scratch/tree-$name"
    git -C "$root" worktree add --detach --quiet "$tree" "$commit"
    ln -s "$root/node_modules" "$tree/node_modules"
  fi
  rm -rf "$tree/bench/dist"
  "$root/node_modules/.bin/tsc" -p "$tree/bench/tsconfig.json"
  echo "$tree"
}
base_tree=$(build base "$base")
candidate_tree=$(build candidate "$([ "${WORKTREE:-}" = 1 ] && echo WORKTREE || echo "$candidate")")
node_flags=$(node -p 'const m = /exec node (.*?) ?dist\/main\.js/.exec(require(process.argv[1]).scripts.start); m[1]' "$root/package.json")
"$harness/peers.sh" start >/dev/null

# Prints the CPU µs per request of one fresh gateway built in $1.
measure() {
  local tree=$1 url="http://127.0.0.1:$port/graphql" ticks before after served
  # shellcheck disable=SC2086
  NODE_ENV=production PORT=$port WORKERS=1 node $node_flags "$tree/bench/dist/bench/startBenchGateway.js" >"$scratch/gateway.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 100); do [ "$(curl -s "http://127.0.0.1:$port/readyz")" = '{"status":"ready"}' ] && break; sleep 0.1; done
  Q="${!query}" wrk -t1 -c"$conns" -d4s -s "$harness/wrk.lua" "$url" >/dev/null
  ticks=$(getconf CLK_TCK)
  before=$(awk '{ print $14 + $15 }' "/proc/$gateway_pid/stat")
  served=$(Q="${!query}" wrk -t1 -c"$conns" -d"${dur}s" -s "$harness/wrk.lua" "$url" | awk '/requests in/ { print $1 }')
  after=$(awk '{ print $14 + $15 }' "/proc/$gateway_pid/stat")
  kill -TERM "$gateway_pid"
  wait "$gateway_pid" 2>/dev/null || true
  gateway_pid=
  awk -v b="$before" -v a="$after" -v n="$served" -v t="$ticks" 'BEGIN { printf "%.0f", (a - b) / t * 1e6 / n }'
}

echo "== CPU µs per $query request, $base against ${WORKTREE:+the work tree}${WORKTREE:-$candidate} ($pairs pairs, wrk -c$conns -d${dur}s each, load average $(cut -d' ' -f1 /proc/loadavg))"
ratios=()
for pair in $(seq "$pairs"); do
  # Alternate which goes first, so a machine speeding up or slowing down favours neither.
  if [ $((pair % 2)) -eq 1 ]; then b=$(measure "$base_tree"); c=$(measure "$candidate_tree"); else c=$(measure "$candidate_tree"); b=$(measure "$base_tree"); fi
  ratio=$(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.3f", c / b }')
  ratios+=("$ratio")
  echo "pair $pair: base $b µs, candidate $c µs, ratio $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END { m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2; printf "median ratio candidate/base: %.3f (below 1: the candidate uses less CPU per request)\n", m }'
