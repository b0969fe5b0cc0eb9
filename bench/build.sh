#!/usr/bin/env bash
# A full warm-cache `pveiso build` of a 1 GiB Proxmox-like ISO against `cp` of the same ISO (see
# README.md). Needs xorriso, the fixture tools, and the network: the firmware packages come from
# the Debian mirror this host's apt configuration names (or $1).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
NEED_JDK=1 . "$root/scripts/java-home.sh"
(cd "$root" && mvn -q -B package -DskipTests)
out=$(mktemp -d "${TMPDIR:-/tmp}/pveiso-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
"$root/scripts/fixtures/make-iso-fixtures.sh" "$out/fixtures" >/dev/null
mapfile -t sources < <(find "$here/src" -name '*.java' | sort)
"$JAVA_HOME/bin/javac" -d "$out/classes" -cp "$root/target/pveiso.jar" "${sources[@]}"
export PVEISO_JAVA_OPTS # BuildBench runs pveiso with the launcher's options
"$JAVA_HOME/bin/java" $PVEISO_JAVA_OPTS -cp "$out/classes:$root/target/pveiso.jar" io.github.pveiso.bench.BuildBench \
  "$out/fixtures/mkrescue.iso" "$out/work" "$root/target/pveiso.jar" "$@"
