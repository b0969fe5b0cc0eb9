set -e

# pveiso-firmware keeps its firmware in $own, where the kernel does not look, and links into
# /lib/firmware/updates only the names that /lib/firmware lacks, so Proxmox's pve-firmware (or any
# other package's firmware) always wins. Only links that point into $own are ever touched.
own=/usr/lib/pveiso-firmware
fw="$DPKG_ROOT/lib/firmware"
up="$fw/updates"
admin="${DPKG_ADMINDIR:-/var/lib/dpkg}"

# ours PATH: PATH is a symbolic link into $own
ours() {
  [ -L "$1" ] || return 1
  case "$(readlink "$1")" in "$own"/*) return 0 ;; esac
  return 1
}

# has NAME: /lib/firmware (updates/ aside) has firmware NAME, plain, .zst or .xz
has() {
  case "$1" in
    updates/*) return 1 ;;
    *.zst) base=${1%.zst} ;;
    *.xz) base=${1%.xz} ;;
    *) base=$1 ;;
  esac
  for suffix in "" .zst .xz; do
    if [ -e "$fw/$base$suffix" ] || [ -L "$fw/$base$suffix" ]; then
      return 0
    fi
  done
  return 1
}

# shipped NAME: this package has NAME in $own
shipped() {
  [ -e "$DPKG_ROOT$own/$1" ] || [ -L "$DPKG_ROOT$own/$1" ]
}

# owned DIR: a package lists DIR (a path on the target) in dpkg's database
owned() {
  grep -qsFx -e "$1" -e "/usr$1" "$admin"/info/*.list
}

# prune DIR: removes DIR and its parents up to $up while they are empty and no package's
prune() {
  dir=$1
  while :; do
    case "$dir" in "$up" | "$up"/*) ;; *) return 0 ;; esac
    if owned "${dir#"$DPKG_ROOT"}" || [ -n "$(ls -A "$dir")" ] || ! rmdir "$dir"; then
      return 0
    fi
    dir=${dir%/*}
  done
}

# our_links: every link of ours under $up, one a line
our_links() {
  [ -d "$up" ] || return 0
  find "$up" -type l | while IFS= read -r link; do
    if ours "$link"; then
      printf '%s\n' "$link"
    fi
  done
}

# drop_links [all]: removes our links whose firmware /lib/firmware now has or this package no
# longer ships; with 'all', every one of them
drop_links() {
  links=$(our_links)
  [ -n "$links" ] || return 0
  printf '%s\n' "$links" | while IFS= read -r link; do
    name=${link#"$up"/}
    if [ "${1:-}" = all ] || has "$name" || ! shipped "$name"; then
      rm -f "$link"
      prune "${link%/*}"
    fi
  done
}

# add_links: links each firmware of this package that /lib/firmware lacks, unless the name under
# $up is taken (by a link of ours already, or by something else, which stays as it is)
add_links() {
  [ -d "$DPKG_ROOT$own" ] || return 0
  (cd "$DPKG_ROOT$own" && find . ! -type d) | while IFS= read -r name; do
    name=${name#./}
    link="$up/$name"
    if has "$name" || [ -e "$link" ] || [ -L "$link" ]; then
      continue
    fi
    if { [ -d "${link%/*}" ] || mkdir -p "${link%/*}"; } && ln -s "$own/$name" "$link"; then
      :
    else
      echo "pveiso-firmware: cannot link $link to $own/$name" >&2
    fi
  done
}
