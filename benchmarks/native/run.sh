#!/usr/bin/env bash
# The examples app natively and on the JVM, side by side in the same minutes (prints figures, asserts nothing):
# time from exec to the first served request (GET /demo/status answering 200), RSS then, RSS once the demo has
# reached all its milestones, and what is shipped (the native executable; the JVM's quarkus-app folder, JDK aside).
#   benchmarks/native/run.sh [rounds]      rounds of JVM, native, native, JVM (default 2: 4 starts each)
# Needs both builds of camel-zendesk-examples (docs/quarkus.md, "Build the native executable"):
#   mvn -B -ntp package -pl camel-zendesk-examples -am -DskipTests                  (target/quarkus-app)
#   mvn -B -ntp package -pl camel-zendesk-examples -am -DskipTests -Pnative          (target/*-runner)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-2}
app=camel-zendesk-examples/target
jar=$app/quarkus-app/quarkus-run.jar
native=$(ls $app/*-runner 2>/dev/null | head -1 || true)
[ -f "$jar" ] && [ -x "$native" ] || { echo "build both first (see the header of $0)" >&2; exit 2; }
port=18977
work=benchmarks/native/target   # relative: the CRM's H2 URL is ./<data dir>/crm
rm -rf "$work" && mkdir -p "$work"

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

one() { # one jvm|native -> "first_request_ms rss_start_mb rss_demo_mb demo_s"
  local mode=$1 data="$work/data-$RANDOM" args=(-Dexamples.routes-dir=routes -Dquarkus.http.port=$port)
  args+=(-Dexamples.data-dir="$data")
  local t0; t0=$(now_ms)
  if [ "$mode" = jvm ]; then java "${args[@]}" -jar "$jar" > "$work/$mode.log" 2>&1 &
  else "$native" "${args[@]}" > "$work/$mode.log" 2>&1 & fi
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/demo/status"; do
    kill -0 $pid 2>/dev/null || { echo "$mode did not start:" >&2; tail -20 "$work/$mode.log" >&2; exit 1; }
    sleep 0.002
  done
  local first=$(( $(now_ms) - t0 )) rss0; rss0=$(rss_mb $pid)
  local deadline=$(( $(now_ms) + 300000 ))
  until curl -sf "http://127.0.0.1:$port/demo/status" | grep -q '"complete":true'; do
    [ "$(now_ms)" -lt $deadline ] || { echo "$mode: demo not complete in 5 min" >&2; kill $pid; exit 1; }
    sleep 0.5
  done
  local demo=$(( $(now_ms) - t0 )) rss1; rss1=$(rss_mb $pid)
  kill $pid; wait $pid 2>/dev/null || true
  local started; started=$(grep -o 'started in [0-9.]*s' "$work/$mode.log" | head -1 | grep -o '[0-9.]*s' || echo "?")
  printf '%-7s %8s ms %8s %10s MB %10s MB %8.1f s\n' "$mode" "$first" "$started" "$rss0" "$rss1" "$(echo "$demo/1000" | bc -l)"
}

echo "== native vs JVM, examples app (embedded emulator + demo), $(date -u +%FT%TZ), load $(cut -d' ' -f1 /proc/loadavg), $(nproc) cores"
echo "java: $(java -version 2>&1 | head -1)"
printf '%-7s %11s %8s %13s %13s %10s\n' mode "1st request" "Quarkus" "RSS at start" "RSS after demo" "demo done"
for _ in $(seq "$rounds"); do one jvm; one native; one native; one jvm; done
echo "native executable: $(du -m "$native" | cut -f1) MB ($native)"
echo "JVM application:   $(du -sm $app/quarkus-app | cut -f1) MB (quarkus-app, without the JDK)"
