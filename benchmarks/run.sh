#!/usr/bin/env bash
# Builds the project (component + benchmarks), then runs benchmarks by name; each prints its figures.
#   benchmarks/run.sh create|export|cpu|pacing|ceiling|decode|sync|cluster|all [--opt value]...
#   SKIP_BUILD=1 benchmarks/run.sh ...   (reuse the last build)
# JAVA_OPTS applies to the client JVM (the export benchmark sets -Xmx in its own child JVMs).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-}; shift || true
case "$name" in
  create|export|cpu|pacing|ceiling|decode|sync|cluster|all) ;;
  *) echo "usage: benchmarks/run.sh create|export|cpu|pacing|ceiling|decode|sync|cluster|all [--opt value]..." >&2; exit 2 ;;
esac

cp_file=benchmarks/target/classpath.txt
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$cp_file" ]; then
  mvn -q -B install -DskipTests >&2
  mvn -q -B -f benchmarks/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
fi
cp="benchmarks/target/classes:$(cat $cp_file)"
log="-Dorg.slf4j.simpleLogger.defaultLogLevel=${LOG_LEVEL:-warn}"

run() { # run <main class> [args]...
  local main=$1; shift
  echo "== $main $* ($(date -u +%FT%TZ))" >&2
  java ${JAVA_OPTS:--Xmx2g} "$log" -cp "$cp" "io.camelzendesk.bench.$main" "$@"
}

case "$name" in
  create) run CreateBenchmark "$@" ;;
  export) run ExportBenchmark "$@" ;;
  cpu) run ExportCpuBenchmark "$@" ;;
  ceiling) run ExportCeiling "$@" ;;
  decode) run ModelDecodeBenchmark "$@" ;;
  pacing) run ExportPacingBenchmark "$@" ;;
  sync) run SyncRequestsBenchmark "$@" ;;
  cluster) run ClusterBudgetBenchmark "$@" ;;
  all) run CreateBenchmark; run ExportBenchmark; run ExportPacingBenchmark ;;
esac
