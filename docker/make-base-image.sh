#!/usr/bin/env bash
# Makes the image the Dockerfile starts from, debian:trixie-slim, out of Debian's own packages,
# for a machine that can reach a Debian mirror but no image registry (see docker/README.md):
#   debootstrap --variant=minbase trixie into a temporary folder, with the mirror of this
#   machine's apt sources; apt's lists and caches removed; imported into the container engine as
#   docker.io/library/debian:trixie-slim (the name 'FROM debian:trixie-slim' resolves to).
# Needs root, debootstrap and podman (or ENGINE=buildah, ENGINE=docker).
# ARCH (default: this machine's) makes an image for another architecture; a foreign one needs
# qemu-user-static with binfmt support (debootstrap then runs its second stage under QEMU).
# DEBIAN_MIRROR overrides the mirror. Prints the image name when done; does nothing when the image
# is already there (FORCE=1 remakes it).
set -euo pipefail
engine=${ENGINE:-podman}
arch=${ARCH:-$(dpkg --print-architecture)}
image=docker.io/library/debian:trixie-slim

if [ "${FORCE:-0}" != 1 ] && "$engine" image exists "$image" 2>/dev/null; then
  echo "$image"
  exit 0
fi

mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  # the first Debian archive (not the security one) in this machine's apt sources
  mirror=$(apt-get indextargets --format '$(REPO_URI)' 'Identifier: Packages' |
    grep -v -- '-security/' | head -n1)
fi
[ -n "$mirror" ] || { echo "make-base-image: no Debian mirror in the apt sources; set DEBIAN_MIRROR" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rootfs=$tmp/rootfs
echo "make-base-image: debootstrap --variant=minbase --arch=$arch trixie from $mirror" >&2
if [ "$arch" = "$(dpkg --print-architecture)" ]; then
  debootstrap --variant=minbase --arch="$arch" \
    --keyring=/usr/share/keyrings/debian-archive-keyring.gpg trixie "$rootfs" "$mirror" >&2
else
  debootstrap --foreign --variant=minbase --arch="$arch" \
    --keyring=/usr/share/keyrings/debian-archive-keyring.gpg trixie "$rootfs" "$mirror" >&2
  chroot "$rootfs" /debootstrap/debootstrap --second-stage >&2
fi
# like Debian's own slim images: no downloaded lists or packages, no logs of the install
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/* "$rootfs"/tmp/* "$rootfs"/debootstrap
tar --numeric-owner -C "$rootfs" -c . |
  "$engine" import --change 'CMD ["bash"]' - "$image" >&2
echo "$image"
