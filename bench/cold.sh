#!/usr/bin/env bash
# A cold build of the seed's defaults of a 1 GiB Proxmox-like ISO against its downloads: fetch
# alone, a build with an empty cache, and builds with only the downloads cached (cold stage); time,
# stage seconds and peak RSS of each (see README.md). Needs xorriso, the fixture tools, GNU time
# (/usr/bin/time) and the network: the firmware packages come from the Debian mirror this host's
# apt configuration names (or PVEISO_BENCH_MIRROR). PVEISO_COLD_BEFORE=JAR also measures another
# pveiso jar (e.g. one built from main) in the same run, alternating with this tree's.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
"$root/scripts/fixtures/make-iso-fixtures.sh" "$out/fixtures" >/dev/null
jars=()
if [ -n "${PVEISO_COLD_BEFORE:-}" ]; then
  cp "$PVEISO_COLD_BEFORE" "$out/before.jar"
  jars+=("before=$out/before.jar")
fi
cp "$root/target/pveiso.jar" "$out/this.jar"
jars+=("this=$out/this.jar")
bench_java ColdBench "$out/fixtures/mkrescue.iso" "$out/work" "${jars[@]}"
