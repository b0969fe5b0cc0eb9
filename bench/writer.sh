#!/usr/bin/env bash
# The ISO writer against a plain copy of the same 1 GiB Proxmox-like ISO (see README.md).
# Needs xorriso and the test fixtures (it builds them with scripts/fixtures/make-iso-fixtures.sh).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
"$root/scripts/fixtures/make-iso-fixtures.sh" "$out/fixtures" >/dev/null
bench_java WriterBench "$out/fixtures/mkrescue.iso" "$out/work" "$@"
