#!/usr/bin/env bash
# Times pveiso's start: `--help`, `--version` and `build --help`, through the repository launcher
# (./pveiso) and, when `mvn package` has made it, the release archive's bin/pveiso (see README.md).
#
#   bench/startup.sh              # 20 runs of each, in turn
#   RUNS=40 bench/startup.sh
#   BASELINE=main bench/startup.sh    # also the launchers of that git revision, alternating
#   TTY=1 bench/startup.sh        # each run in a pseudo-terminal (script(1)), as a user sees it
#
# Every case runs twice first in a fresh cache folder (its class-data archive is made there), then
# RUNS times, the cases taking turns so that load from other work falls on all alike. Prints the
# median wall time and the median CPU time (user + system) of each case, with the load average
# before and after. Needs no network; builds target/pveiso.jar (./pveiso does) when it is stale.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
runs=${RUNS:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/pveiso-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache
unset PVEISO_JAVA_OPTS

"$root/pveiso" --version >/dev/null

# A launcher tree: NAME DIR, where DIR/pveiso and DIR/bin/pveiso (optional) are the launchers.
trees=("new $root")
dist=$(find "$root/target" -maxdepth 1 -name 'pveiso-*.tar.gz' 2>/dev/null | sort | tail -n1)
if [ -n "$dist" ]; then
  mkdir -p "$work/dist"
  tar -xzf "$dist" -C "$work/dist"
  dist_home=$(find "$work/dist" -mindepth 1 -maxdepth 1 -type d | head -n1)
fi
if [ -n "${BASELINE:-}" ]; then
  # the baseline's launchers, running the same jars
  base=$work/baseline
  mkdir -p "$base/scripts" "$base/target"
  git -C "$root" show "$BASELINE:pveiso" >"$base/pveiso"
  git -C "$root" show "$BASELINE:scripts/java-home.sh" >"$base/scripts/java-home.sh"
  chmod +x "$base/pveiso"
  ln -s "$root/target/pveiso.jar" "$base/target/pveiso.jar"
  trees+=("$BASELINE $base")
  if [ -n "$dist" ]; then
    cp -r "$dist_home" "$work/dist-baseline"
    git -C "$root" show "$BASELINE:src/dist/bin/pveiso" >"$work/dist-baseline/bin/pveiso"
  fi
fi

cases=()
for tree in "${trees[@]}"; do
  name=${tree%% *}
  dir=${tree#* }
  for args in "--help" "--version" "build --help"; do
    cases+=("$name ./pveiso $args|$dir/pveiso $args")
  done
done
if [ -n "$dist" ]; then
  for args in "--help" "--version" "build --help"; do
    cases+=("new bin/pveiso $args|$dist_home/bin/pveiso $args")
    if [ -n "${BASELINE:-}" ]; then
      cases+=("$BASELINE bin/pveiso $args|$work/dist-baseline/bin/pveiso $args")
    fi
  done
fi

# Runs one case once; prints "WALL CPU" in seconds.
run_case() {
  local command=${1#*|} TIMEFORMAT='%R %U %S' out
  if [ "${TTY:-0}" = 1 ]; then
    out=$({ time script -qec "$command" /dev/null >/dev/null 2>&1; } 2>&1)
  else
    out=$({ time $command >/dev/null 2>&1; } 2>&1)
  fi
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "before: $(uptime)"
for c in "${cases[@]}"; do run_case "$c" >/dev/null; run_case "$c" >/dev/null; done
for ((i = 0; i < runs; i++)); do
  for j in "${!cases[@]}"; do run_case "${cases[$j]}" >>"$work/times.$j"; done
done
echo "after:  $(uptime)"
printf '%-34s %9s %9s   (median of %d%s)\n' case wall cpu "$runs" "$([ "${TTY:-0}" = 1 ] && echo ', in a terminal')"
for j in "${!cases[@]}"; do
  printf '%-34s %8.3fs %8.3fs\n' "${cases[$j]%%|*}" \
    "$(cut -d' ' -f1 "$work/times.$j" | median)" "$(cut -d' ' -f2 "$work/times.$j" | median)"
done
