#!/usr/bin/env bash
# Runs pveiso's benchmarks (see README.md). Needs the network: it downloads trixie's indexes and
# the firmware packages from the Debian mirror this host's apt configuration names (or $1).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
NEED_JDK=1 . "$root/scripts/java-home.sh"
(cd "$root" && mvn -q -B package -DskipTests)
out=$(mktemp -d "${TMPDIR:-/tmp}/pveiso-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
mapfile -t sources < <(find "$here/src" -name '*.java' | sort)
"$JAVA_HOME/bin/javac" -d "$out/classes" -cp "$root/target/pveiso.jar" "${sources[@]}"
"$JAVA_HOME/bin/java" $PVEISO_JAVA_OPTS -cp "$out/classes:$root/target/pveiso.jar" io.github.pveiso.bench.Bench \
  "$out/work" "$@"
