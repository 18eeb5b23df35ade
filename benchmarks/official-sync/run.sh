#!/usr/bin/env bash
# Usage: ./run.sh --base-url URL --email E --token T   (JAVA_OPTS adds JVM options)
# Full first sync with the official org.apache.camel:camel-zendesk:4.17.0; one summary line on stdout.
#        ./run.sh export --base-url URL [--tickets N] [--warmup N] [--runs N]
# The official's ticket export, timed and CPU-metered per run (OfficialExport; for benchmarks/ExportCpuBenchmark).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f target/cp.txt ] || [ pom.xml -nt target/cp.txt ] ||
   [ -n "$(find src -newer target/cp.txt -name '*.java' 2>/dev/null)" ]; then
  rm -f target/cp.txt
  # online on first use: Maven fetches camel-zendesk 4.17.0 and its dependencies into ~/.m2
  mvn -q -B -Dstyle.color=never compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
fi
main=officialsync.OfficialSync
if [ "${1:-}" = export ]; then main=officialsync.OfficialExport; shift; fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "target/classes:$(cat target/cp.txt)" $main "$@"
