# Sourced by the bench scripts: builds target/pveiso.jar, compiles bench/src into a temp folder
# ($out, deleted on exit) and defines bench_java CLASS ARGS... to run one benchmark program with the
# launcher's JVM options. Sets $here (bench/) and $root (the repository).
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
NEED_JDK=1 . "$root/scripts/java-home.sh"
(cd "$root" && mvn -q -B package -DskipTests)
out=$(mktemp -d "${TMPDIR:-/tmp}/pveiso-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
mapfile -t sources < <(find "$here/src" -name '*.java' | sort)
"$JAVA_HOME/bin/javac" -d "$out/classes" -cp "$root/target/pveiso.jar" "${sources[@]}"
# The benchmarks run pveiso itself with the launcher's options for its command, asked of
# scripts/java-home.sh before each run as ./pveiso does (LauncherOptions: a user's
# PVEISO_JAVA_OPTS wins); the benchmark programs run from a classes folder, which a class-data
# archive cannot hold, so they get the options without one.
bench_opts=${PVEISO_JAVA_OPTS:-$(pveiso_base_java_opts)}
export PVEISO_BENCH_ROOT=$root
pveiso_malloc_env # the launchers' MALLOC_ARENA_MAX, for the pveiso runs the benchmarks start

bench_java() {
  local class=$1
  shift
  # shellcheck disable=SC2086 # bench_opts holds several words
  "$JAVA_HOME/bin/java" $bench_opts -cp "$out/classes:$root/target/pveiso.jar" \
    "io.github.pveiso.bench.$class" "$@"
}

# PVEISO_BENCH_BASELINE (read by BuildBench): another pveiso jar (main's, say) that BuildBench
# times in turns with this one; it has its own class-data-sharing archive (LauncherOptions)
