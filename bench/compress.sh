#!/usr/bin/env bash
# The repacked firmware package's size against its time per member format, on the firmware of a
# pveiso cache (see README.md): bench/compress.sh CACHE [FORMAT...], FORMAT as xz:6, zstd:9:2 or
# none. CACHE is a --firmware-cache after a build or fetch of the seed's defaults.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
cache=$1
shift
[ $# -gt 0 ] || set -- none zstd:3:2 zstd:6:2 zstd:9:2 zstd:9:1 zstd:9:4 zstd:15:2 zstd:19:2 xz:1 xz:3 xz:6
bench_java CompressBench "$cache" "$out/work" "$@"
