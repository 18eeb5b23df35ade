#!/usr/bin/env bash
# Usage: ./run.sh [--requests N] [--rounds N] [--concurrency N] [--warmup N]   (JAVA_OPTS, default -Xmx1g)
# Needs the component installed: mvn -q -f ../../camel-zendesk-component/pom.xml install -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f target/cp.txt ] || [ pom.xml -nt target/cp.txt ] || [ -n "$(find src -newer target/cp.txt -name '*.java')" ]; then
  mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
exec java ${JAVA_OPTS:--Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/classes:$(cat target/cp.txt)" bench.WebhookBench "$@"
