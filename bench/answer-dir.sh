#!/usr/bin/env bash
# What each extra node of `pveiso build --answer-dir` costs against `cp` of the same 1 GiB
# Proxmox-like ISO (see README.md). Needs xorriso and the fixture tools; downloads nothing.
# An optional argument sets the number of runs (1: a quick check, not a measurement).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
"$root/scripts/fixtures/make-iso-fixtures.sh" "$out/fixtures" >/dev/null
bench_java AnswerDirBench "$out/fixtures/mkrescue.iso" "$out/work" "$root/target/pveiso.jar" "$@"
