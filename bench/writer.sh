#!/usr/bin/env bash
# The ISO writer against a plain copy of the same 1 GiB Proxmox-like ISO (see README.md).
# Needs xorriso and the test fixtures (it builds them with scripts/fixtures/make-iso-fixtures.sh).
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
"$JAVA_HOME/bin/java" $PVEISO_JAVA_OPTS -cp "$out/classes:$root/target/pveiso.jar" io.github.pveiso.bench.WriterBench \
  "$out/fixtures/mkrescue.iso" "$out/work" "$@"
