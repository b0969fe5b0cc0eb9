# Sourced by ./pveiso, scripts/test and bench/common.sh: sets JAVA_HOME to a JDK (or JRE) of
# version 21 or newer, and defines pveiso_java_opts, the JVM options to run pveiso with.
# Order: $JAVA_HOME, java on PATH, then /usr/lib/jvm/* (newest first). With NEED_JDK=1 a javac must
# sit beside the java found (building needs a JDK; running needs only a JRE).

pveiso_java_version() { # prints the major version of the Java home $1, or nothing
  local v
  # The home's release file says JAVA_VERSION="25.0.3" (or "21", "1.8.0_452"): no JVM to start.
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9.]*\).*/\1/p' "$1/release" | head -n1)
    [ -n "$v" ] && echo "${v%%.*}" && return 0
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

pveiso_find_java() {
  local need_jdk=${NEED_JDK:-0} candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] || continue
    [ "$need_jdk" = 1 ] && [ ! -x "$c/bin/javac" ] && continue
    v=$(pveiso_java_version "$c")
    [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null || continue
    echo "$c"
    return 0
  done
  return 1
}

if ! JAVA_HOME=$(pveiso_find_java); then
  if [ "${NEED_JDK:-0}" = 1 ]; then
    echo "pveiso: no JDK 21 or newer found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one, e.g. 'apt-get install openjdk-21-jdk-headless' (Debian 13) or 'openjdk-25-jdk-headless'" >&2
  else
    echo "pveiso: no Java 21 or newer found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one, e.g. 'apt-get install openjdk-21-jre-headless' (Debian 13)" >&2
  fi
  exit 1
fi
export JAVA_HOME

# The JVM options pveiso runs with (the launcher and the benchmarks use the same; a user's
# PVEISO_JAVA_OPTS replaces them all):
# - the parallel collector, because pveiso is a short batch job that allocates a lot at once
#   (parsing trixie's main Packages index took 1.24 s with the default G1 and 0.75 s with it);
# - a dynamic class-data-sharing archive per command (see pveiso_cds_archive): the JVM writes it
#   when the command exits and maps it the next time, which took a build's startup (command line,
#   configuration, catalog, HTTP client, JSON) from 2.06 to 1.50 s of CPU on 2 cores.
pveiso_java_opts() { # JAR COMMAND: prints the default JVM options for running COMMAND of JAR
  local opts archive
  opts=$(pveiso_base_java_opts) || return 1
  if archive=$(pveiso_cds_archive "$1" "$2"); then
    # -Xlog:cds*=off: the JVM logs archive warnings (classes it cannot archive) on stdout.
    opts="$opts -XX:SharedArchiveFile=$archive -XX:+AutoCreateSharedArchive -Xlog:cds*=off"
  fi
  echo "$opts"
}

# - a bounded heap, PVEISO_HEAP (default 160m): a build's peak memory stays under 300 MB whatever
#   the ISO's size (issue 14; bench/README.md has the figures), where the JVM would otherwise size
#   its heap by the machine (a quarter of its memory) and let a cold build grow past 2 GB; the
#   largest thing a build holds is Debian's parsed main index (about 100 MB).
pveiso_base_java_opts() { # prints the default JVM options without a class-data archive
  local heap=${PVEISO_HEAP:-160m}
  case ${heap%[kKmMgG]} in
    '' | 0* | *[!0-9]*) echo "pveiso: PVEISO_HEAP='$heap' is not a size like 160m or 1g" >&2; return 1 ;;
  esac
  echo "-XX:+UseParallelGC -Xmx$heap"
}

# Prints the archive for running COMMAND ($2) of JAR ($1) with $JAVA_HOME, or fails when there is
# none to use: no base archive in the JDK (the JVM would warn on every run), or the cache folder
# (${XDG_CACHE_HOME:-$HOME/.cache}/pveiso/jvm) cannot be made or written or has less than 256 MiB
# free (the JVM would fail at exit), or its path holds a space (the options are split on spaces). The name holds a checksum of
# the jar's and the java binary's path, size and time: the JVM does not remake an archive whose jar
# changed, it ignores it. A file that is not an archive (empty, cut short at its header) is removed
# first, because the JVM would warn about it and never replace it.
pveiso_cds_archive() {
  local jar=$1 command=$2 dir id archive magic avail LC_ALL=C
  [ -f "$JAVA_HOME/lib/server/classes.jsa" ] || return 1
  if [ -n "${XDG_CACHE_HOME:-}" ]; then dir=$XDG_CACHE_HOME/pveiso/jvm
  elif [ -n "${HOME:-}" ]; then dir=$HOME/.cache/pveiso/jvm
  else return 1
  fi
  case $dir in *[[:space:]]*) return 1 ;; esac
  { mkdir -p "$dir" && [ -w "$dir" ]; } 2>/dev/null || return 1
  # The JVM writes the archive at exit and, when it cannot (a full disk), exits with 1 after the
  # command itself succeeded: use an archive only with room for it (a build's is about 22 MB).
  # PVEISO_CDS_MIN_FREE_KB changes the room asked for (default 256 MiB).
  avail=$(df -Pk "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }')
  [ "${avail:-0}" -ge "${PVEISO_CDS_MIN_FREE_KB:-262144}" ] 2>/dev/null || return 1
  id=$(stat -L -c '%n %s %Y' "$jar" "$JAVA_HOME/bin/java" 2>/dev/null | cksum) || return 1
  archive="$dir/$command-${id%% *}.jsa"
  if [ -e "$archive" ]; then
    magic=
    IFS= read -r -d '' -n 4 magic <"$archive" 2>/dev/null || true
    if [ "$magic" != $'\xa8\xab\x0b\xf0' ]; then rm -f "$archive" 2>/dev/null || return 1; fi
  else
    # a new jar or JDK: archives not remade for 30 days belong to old ones
    find "$dir" -maxdepth 1 -name '*.jsa' -mtime +30 -delete 2>/dev/null || true
  fi
  echo "$archive"
}

# Prints the name of the pveiso command in the arguments (the first word that is not an option),
# for naming its archive: "none" without one, "other" for anything but a plain lowercase word.
pveiso_command_name() {
  local arg
  for arg in "$@"; do
    case $arg in
      -*) ;;
      *[!a-z]* | '') echo other; return ;;
      *) echo "$arg"; return ;;
    esac
  done
  echo none
}
