# Sourced by ./pveiso and scripts/test: sets JAVA_HOME to a JDK (or JRE) of version 21 or newer.
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

# The JVM options pveiso runs with (the launcher and the benchmarks use the same): the parallel
# collector, because pveiso is a short batch job that allocates a lot at once (parsing trixie's
# main Packages index took 1.24 s with the default G1 and 0.75 s with it, on 2 cores).
PVEISO_JAVA_OPTS=${PVEISO_JAVA_OPTS:--XX:+UseParallelGC}
