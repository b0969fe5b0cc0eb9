# Sourced by ./pveiso, scripts/test and bench/common.sh: sets JAVA_HOME to a JDK (or JRE) of
# version 21 or newer, and defines pveiso_java_opts, the JVM options to run pveiso with.
# Order: $JAVA_HOME, java on PATH, then /usr/lib/jvm/* (newest first). With NEED_JDK=1 a javac must
# sit beside the java found (building needs a JDK; running needs only a JRE).

# Sets pveiso_major to the major version of the Java home $1, or to nothing. Sets a variable rather
# than printing: each $(...) is a fork, and this runs for every Java looked at on each start.
pveiso_java_major() {
  local v='' line
  pveiso_major=''
  # The home's release file says JAVA_VERSION="25.0.3" (or "21", "1.8.0_452"): no JVM to start
  # (and read by the shell itself: every program started adds to each run's start).
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      case $line in
        JAVA_VERSION=*)
          v=${line#JAVA_VERSION=}
          v=${v#\"}
          v=${v%%[!0-9.]*}
          break
          ;;
      esac
    done <"$1/release"
    if [ -n "$v" ]; then
      pveiso_major=${v%%.*}
      return 0
    fi
  fi
  pveiso_major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
}

# Sets pveiso_out to the Java home to use: $JAVA_HOME, else the java on PATH, else the newest
# (highest major version) under /usr/lib/jvm, when it is Java 21+ (a JDK with NEED_JDK=1). Like
# every *_v function here it sets a variable rather than printing into $(...): each $(...) is a
# fork, and the launcher runs these on every start (a help run is over in about a third of a
# second). The printing forms are kept where tests and bench scripts call them.
pveiso_find_java_v() {
  local c best='' best_major=0
  pveiso_out=''
  if [ -n "${JAVA_HOME:-}" ] && pveiso_usable_java "$JAVA_HOME"; then pveiso_out=$JAVA_HOME && return 0; fi
  if hash java 2>/dev/null && c=$(readlink -f "${BASH_CMDS[java]}"); then
    c=${c%/*}
    if pveiso_usable_java "${c%/*}"; then pveiso_out=${c%/*} && return 0; fi
  fi
  for c in /usr/lib/jvm/*/; do
    c=${c%/}
    # of equal versions the last in name order, as 'sort -rV' would put first
    if pveiso_usable_java "$c" && [ "$pveiso_major" -ge "$best_major" ]; then
      best=$c
      best_major=$pveiso_major
    fi
  done
  pveiso_out=$best
  [ -n "$best" ]
}

pveiso_usable_java() { # succeeds when the Java home $1 is Java 21+ (a JDK with NEED_JDK=1); sets pveiso_major
  pveiso_major=''
  [ -x "$1/bin/java" ] || return 1
  [ "${NEED_JDK:-0}" = 1 ] && [ ! -x "$1/bin/javac" ] && return 1
  pveiso_java_major "$1"
  [ -n "$pveiso_major" ] && [ "$pveiso_major" -ge 21 ] 2>/dev/null
}

if pveiso_find_java_v; then
  JAVA_HOME=$pveiso_out
else
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
# - a class-data-sharing archive per command (see pveiso_cds_static_opts_v), made by a JVM of its
#   own on the second run from the classes the first run loaded, and mapped from then on: it took
#   a build's startup (command line, configuration, catalog, HTTP client, JSON) from 2.06 to
#   1.50 s of CPU on 2 cores. It is not written by the command's own JVM at exit (a dynamic
#   archive, -XX:+AutoCreateSharedArchive), because that took the first build's peak memory about
#   60 MB higher, over issue 14's 300 MB (bench/README.md, "Issue 14, target 3 with room"); and
#   unlike a dynamic archive it holds picocli's classes (class-file version 49);
# - for a command that is over in a moment (see pveiso_quick_command: help, version, completion,
#   config, doctor) the serial collector, only the quick JIT compiler and no hsperfdata file: such
#   a run spends most of its time in picocli. Together with its archive and fewer programs started
#   by this script, they took './pveiso --help' from 0.91 to 0.60 s of CPU in the same run (load
#   8; see bench/README.md).
pveiso_java_opts() { # JAR COMMAND: prints the default JVM options for running COMMAND of JAR
  pveiso_java_opts_v "$@" || return 1
  echo "$pveiso_out"
}

pveiso_java_opts_v() { # as pveiso_java_opts, setting pveiso_out
  local opts
  pveiso_base_java_opts_v || return 1
  opts=$pveiso_out
  if pveiso_quick_command "$2"; then
    opts="${opts/-XX:+UseParallelGC/-XX:+UseSerialGC} -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
  fi
  if pveiso_cds_static_opts_v "$1" "$2"; then opts="$opts $pveiso_out"; fi
  pveiso_out=$opts
}

# - a bounded heap, PVEISO_HEAP (default 144m): a build's peak memory stays under 300 MB whatever
#   the ISO's size (issue 14; bench/README.md has the figures), where the JVM would otherwise size
#   its heap by the machine (a quarter of its memory) and let a cold build grow past 2 GB; the
#   largest thing a build holds is Debian's parsed main index (about 80 MB), and 128m ran out of
#   heap parsing it cold (see pveiso_malloc_env for the memory outside the heap).
pveiso_base_java_opts() { # prints the default JVM options without a class-data archive
  pveiso_base_java_opts_v || return 1
  echo "$pveiso_out"
}

pveiso_base_java_opts_v() { # as pveiso_base_java_opts, setting pveiso_out
  local heap=${PVEISO_HEAP:-144m}
  case ${heap%[kKmMgG]} in
    '' | 0* | *[!0-9]*) echo "pveiso: PVEISO_HEAP='$heap' is not a size like 160m or 1g" >&2; return 1 ;;
  esac
  pveiso_out="-XX:+UseParallelGC -Xmx$heap"
}

# Exports MALLOC_ARENA_MAX=2 unless it is set: glibc gives each thread that allocates natively
# (zstd, zlib, the JIT compilers, GC workers) an arena of its own, up to 8 per core, and memory
# freed in one is not reused by another; two kept a cold build's peak 10 to 30 MB lower in the
# same runs (bench/README.md, "Target 3 cold").
pveiso_malloc_env() {
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
}

# True for the command names (see pveiso_command_name) of runs that are over in a moment.
pveiso_quick_command() {
  case $1 in none | *-help | completion | config | doctor) return 0 ;; esac
  return 1
}

# Prints " -Dpicocli.usage.width=COLUMNS" with the width of the terminal (when stty can tell it),
# for the launcher to add for a quick command whose stdout is a terminal: picocli would otherwise
# find the width by starting stty itself from Java and polling it every 25 ms (0.1 to 0.2 s of a
# help run in a terminal).
pveiso_usage_width() {
  local size
  size=$(stty size </dev/tty 2>/dev/null) || return 0
  size=${size##* }
  case $size in '' | 0 | *[!0-9]*) return 0 ;; esac
  # picocli's narrowest (it warns about a smaller value, and takes 55 for a narrower terminal)
  [ "$size" -ge 55 ] || size=55
  echo " -Dpicocli.usage.width=$size"
}

# Sets pveiso_out to the options for a static class-data archive for running COMMAND ($2) of JAR
# ($1), or fails when there is none to use (see pveiso_cds_archive). The first run records the classes it
# loads (-XX:DumpLoadedClassList, next to the archive as NAME.classlist); the next run makes the
# archive from that list (java -Xshare:dump, in a JVM of its own before the command starts: about
# 0.5 s once for a help run, 3 s for a build's) and maps it, as do all later runs.
# The list's "@cp" lines are left out: they make the dump link a class, and picocli's classes,
# once linked, cannot be archived (their old class-file version has no verification record).
# When the dump fails, the list is left empty, so that later runs neither record nor dump again.
pveiso_cds_static_opts_v() {
  local jar=$1 archive list tmp
  pveiso_cds_archive_v "$jar" "$2" || return 1
  archive=$pveiso_out
  list=${archive%.jsa}.classlist
  if [ ! -f "$archive" ]; then
    if [ ! -f "$list" ]; then
      pveiso_out="-XX:DumpLoadedClassList=$list"
      return 0
    fi
    [ -s "$list" ] || return 1
    tmp=$archive.$$.tmp
    if sed '/^@cp /d' "$list" >"$tmp.list" 2>/dev/null &&
      "$JAVA_HOME/bin/java" -Xshare:dump -XX:SharedClassListFile="$tmp.list" \
        -XX:SharedArchiveFile="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$jar" \
        >/dev/null 2>&1 && mv -f "$tmp" "$archive" 2>/dev/null; then
      rm -f "$tmp.list" "$list" 2>/dev/null || true
    else
      rm -f "$tmp" "$tmp.list" 2>/dev/null || true
      : >"$list" 2>/dev/null || true
      return 1
    fi
  fi
  pveiso_out="-XX:SharedArchiveFile=$archive -Xlog:cds*=off"
}

# Prints the archive for running COMMAND ($2) of JAR ($1) with $JAVA_HOME, or fails when there is
# none to use: no base archive in the JDK (the JVM would warn on every run), or the cache folder
# (${XDG_CACHE_HOME:-$HOME/.cache}/pveiso/jvm) cannot be made or written or has less than 256 MiB
# free, or its path holds a space (the options are split on spaces). The name holds a checksum of
# the jar's and the java binary's path, size and time: the JVM ignores an archive made for another
# jar. A file that is not an archive (empty, cut short at its header) is removed first, because
# the JVM would warn about it on every run.
pveiso_cds_archive() {
  pveiso_cds_archive_v "$@" || return 1
  echo "$pveiso_out"
}

pveiso_cds_archive_v() { # as pveiso_cds_archive, setting pveiso_out
  local jar=$1 command=$2 dir id archive magic avail LC_ALL=C
  pveiso_out=''
  [ -f "$JAVA_HOME/lib/server/classes.jsa" ] || return 1
  if [ -n "${XDG_CACHE_HOME:-}" ]; then dir=$XDG_CACHE_HOME/pveiso/jvm
  elif [ -n "${HOME:-}" ]; then dir=$HOME/.cache/pveiso/jvm
  else return 1
  fi
  case $dir in *[[:space:]]*) return 1 ;; esac
  { [ -d "$dir" ] || mkdir -p "$dir"; } 2>/dev/null && [ -w "$dir" ] || return 1
  id=$(stat -L -c '%n %s %Y' "$jar" "$JAVA_HOME/bin/java" 2>/dev/null | cksum) || return 1
  archive="$dir/$command-${id%% *}.jsa"
  if [ -e "$archive" ]; then
    magic=
    IFS= read -r -d '' -n 4 magic <"$archive" 2>/dev/null || true
    # a static archive starts with a2 ab 0b f0 (a dynamic one, which earlier pveiso wrote, with a8)
    case $magic in
      $'\xa8\xab\x0b\xf0' | $'\xa2\xab\x0b\xf0') pveiso_out=$archive && return 0 ;;
      *) rm -f "$archive" 2>/dev/null || return 1 ;;
    esac
  fi
  # Make an archive only with room for it (a build's is about 43 MB), so that it never fills the
  # disk a build writes to. PVEISO_CDS_MIN_FREE_KB changes the room asked for (default 256 MiB). A
  # good archive is left in place, so the room is asked only when there is none yet.
  avail=$(df -Pk "$dir" 2>/dev/null | { read -r _ && read -r _ _ _ avail _ && echo "$avail"; })
  [ "${avail:-0}" -ge "${PVEISO_CDS_MIN_FREE_KB:-262144}" ] 2>/dev/null || return 1
  # a new jar or JDK: archives not remade for 30 days belong to old ones
  find "$dir" -maxdepth 1 \( -name '*.jsa' -o -name '*.classlist' \) -mtime +30 -delete 2>/dev/null || true
  pveiso_out=$archive
}

# Prints the name of the pveiso command in the arguments (the first word that is not an option),
# for naming its archive: "none" without one, "other" for anything but a plain lowercase word;
# with a help or version flag, "none" before the name and the name with "-help" after it (their
# own, small archives: a help run's classes are not a build's).
pveiso_command_name() {
  pveiso_command_name_v "$@"
  echo "$pveiso_out"
}

pveiso_command_name_v() { # as pveiso_command_name, setting pveiso_out
  local arg name=
  for arg in "$@"; do
    case $arg in
      -h | --help | -V | --version)
        if [ -n "$name" ]; then pveiso_out=$name-help; else pveiso_out=none; fi
        return
        ;;
      -*) ;;
      *[!a-z]* | '') [ -n "$name" ] || { pveiso_out=other; return; } ;;
      *) [ -n "$name" ] || name=$arg ;;
    esac
  done
  pveiso_out=${name:-none}
}
