#!/usr/bin/env bash
# Runs pveiso's benchmarks (see README.md). Needs the network: it downloads trixie's indexes and
# the firmware packages from the Debian mirror this host's apt configuration names (or $1).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
bench_java Bench "$out/work" "$@"
