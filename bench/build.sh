#!/usr/bin/env bash
# A full warm-cache `pveiso build` of a 1 GiB Proxmox-like ISO against `cp` of the same ISO (see
# README.md). Needs xorriso, the fixture tools, and the network: the firmware packages come from
# the Debian mirror this host's apt configuration names (or $1).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
"$root/scripts/fixtures/make-iso-fixtures.sh" "$out/fixtures" >/dev/null
bench_java BuildBench "$out/fixtures/mkrescue.iso" "$out/work" "$root/target/pveiso.jar" "$@"
