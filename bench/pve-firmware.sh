#!/usr/bin/env bash
# Reading which firmware the ISO's pve-firmware has, cold and from the cache, on a stand-in as big
# as the real package (see README.md). Needs dpkg-deb and xorriso; no network.
# Env: PVEISO_BENCH_FIRMWARE_MB  uncompressed size of the stand-in's firmware (default 1200)
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
want=$((${PVEISO_BENCH_FIRMWARE_MB:-1200} * 1024 * 1024))
pkg=$out/pve-firmware
mkdir -p "$pkg/DEBIAN"
# ELF code from this host's /usr/lib (it compresses about as well as firmware blobs do), spread
# over 64 folders like linux-firmware's vendors, and a symlink for every fourth file.
total=0 n=0
while IFS= read -r f && [ "$total" -lt "$want" ]; do
  dir=$pkg/lib/firmware/vendor$((n % 64))
  mkdir -p "$dir"
  cp "$f" "$dir/blob$n.bin"
  [ $((n % 4)) -ne 0 ] || ln -s "blob$n.bin" "$dir/alias$n.bin"
  total=$((total + $(stat -c %s "$f")))
  n=$((n + 1))
done < <(find /usr/lib/x86_64-linux-gnu /usr/lib/jvm /usr/lib/gcc -type f -size +1k 2>/dev/null | sort)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: pve-firmware
Version: 3.99-1
Architecture: all
Maintainer: pveiso bench <bench@invalid>
Description: stand-in for pve-firmware, as big as the real one
CONTROL
echo "pve-firmware.sh: $n files, $((total / 1024 / 1024)) MiB; compressing with xz" >&2
start=$(date +%s)
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/pve-firmware_3.99-1_all.deb" >/dev/null
echo "pve-firmware.sh: dpkg-deb took $(($(date +%s) - start)) s" >&2
rm -rf "$pkg"
xorriso -as mkisofs -quiet -V PVE -graft-points -o "$out/pve.iso" \
  "/proxmox/packages/pve-firmware_3.99-1_all.deb=$out/pve-firmware_3.99-1_all.deb"
rm "$out/pve-firmware_3.99-1_all.deb"
bench_java ProxmoxFirmwareBench "$out/pve.iso" "$out/work" "$@"
