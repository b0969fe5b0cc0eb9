#!/usr/bin/env bash
# What each extra node of `pveiso build --answer-dir` costs against `cp` of the same 1 GiB
# Proxmox-like ISO (see README.md). Needs xorriso and the fixture tools; downloads nothing.
# Optional arguments: the number of runs (1: a quick check, not a measurement), then an older
# pveiso.jar (copied out of another checkout's target/) to time alternately with this one.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
"$root/scripts/fixtures/make-iso-fixtures.sh" "$out/fixtures" >/dev/null
bench_java AnswerDirBench "$out/fixtures/mkrescue.iso" "$out/work" "$root/target/pveiso.jar" "${1:-5}" ${2:+"$(readlink -f "$2")"}
