#!/usr/bin/env bash
# The examples app natively and on the JVM, side by side in the same minutes (prints figures, asserts nothing):
#  - embedded: as `java -jar` starts it by default (the emulator inside, the demo driver on): time from exec to the
#    first served request (GET /demo/status answering 200), RSS then, RSS once the demo reached its milestones;
#  - external: as in production, against a Zendesk outside the process (the emulator's runnable jar, OAuth client
#    credentials; no emulator inside, no demo): time to the first served request, RSS then and 10 s later (routes
#    started, webhooks registered);
#  - what is shipped: the native executable; the JVM's quarkus-app folder (the JDK aside).
#   benchmarks/native/run.sh [rounds]      rounds of JVM, native, native -Xmx64m twice, native, JVM per setup
#                                          (default 1); native64 is the executable run with -Xmx64m
# Needs both builds of camel-zendesk-examples (docs/quarkus.md, "Build the native executable"); the native build
# runs in the same target folder, so keep a copy of the JVM one, or point JVM_JAR / NATIVE at other builds:
#   mvn -B -ntp package -pl camel-zendesk-examples -am -DskipTests                  (target/quarkus-app)
#   mvn -B -ntp package -pl camel-zendesk-examples -am -DskipTests -Pnative          (target/*-runner)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-1}
app=camel-zendesk-examples/target
jar=${JVM_JAR:-$app/quarkus-app/quarkus-run.jar}
native=${NATIVE:-$(ls $app/*-runner 2>/dev/null | head -1 || true)}
emulator=$(ls camel-zendesk-emulator/target/camel-zendesk-emulator-*-runnable.jar 2>/dev/null | head -1 || true)
[ -f "$jar" ] && [ -x "$native" ] && [ -f "$emulator" ] || { echo "build first (see the header of $0)" >&2; exit 2; }
port=18977 eport=18978
work=benchmarks/native/target   # relative: the CRM's H2 URL is ./<data dir>/crm
rm -rf "$work" && mkdir -p "$work"

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

one() { # one jvm|native embedded|external
  local mode=$1 setup=$2 log="$work/$1-$2.log"
  local args=(-Dexamples.routes-dir=routes -Dquarkus.http.port=$port -Dexamples.data-dir="$work/data-$RANDOM")
  if [ "$setup" = external ]; then
    args+=(-Dzendesk.base-url=http://127.0.0.1:$eport -Dzendesk.client-id=emulator-client)
    args+=(-Dzendesk.client-secret=emulator-secret -Dexamples.self-url=http://127.0.0.1:$port)
  fi
  local t0 pid; t0=$(now_ms)
  case $mode in
    jvm) java "${args[@]}" -jar "$jar" > "$log" 2>&1 & ;;
    native) "$native" "${args[@]}" > "$log" 2>&1 & ;;
    native64) "$native" -Xmx64m "${args[@]}" > "$log" 2>&1 & ;;  # a container's heap limit, say
  esac
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/demo/status"; do
    kill -0 $pid 2>/dev/null || { echo "$mode did not start:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.002
  done
  local first=$(( $(now_ms) - t0 )) rss0 rss1 until_s
  rss0=$(rss_mb $pid)
  if [ "$setup" = embedded ]; then
    local deadline=$(( $(now_ms) + 300000 ))
    until curl -sf "http://127.0.0.1:$port/demo/status" | grep -q '"complete":true'; do
      [ "$(now_ms)" -lt $deadline ] || { echo "$mode: demo not complete in 5 min" >&2; kill $pid; exit 1; }
      sleep 0.5
    done
  else
    sleep 10
  fi
  until_s=$(echo "($(now_ms) - $t0) / 1000" | bc -l); rss1=$(rss_mb $pid)
  kill $pid; wait $pid 2>/dev/null || true
  local started; started=$(grep -o 'Quarkus [0-9.]*) started in [0-9.]*s' "$log" | grep -o '[0-9.]*s$' || echo "?")
  printf '%-8s %-9s %8s ms %9s %9s MB %9s MB at %5.1f s\n' "$mode" "$setup" "$first" "$started" "$rss0" "$rss1" "$until_s"
}

echo "== native vs JVM, examples app, $(date -u +%FT%TZ), load $(cut -d' ' -f1 /proc/loadavg), $(nproc) cores"
echo "java: $(java -version 2>&1 | head -1)"
java -jar "$emulator" --port $eport --seed 50 > "$work/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$eport/"; do sleep 0.1; done
printf '%-8s %-9s %11s %9s %12s %12s\n' mode setup "1st request" "Quarkus" "RSS then" "RSS later"
for _ in $(seq "$rounds"); do
  for setup in external embedded; do
    one jvm $setup; one native $setup; one native64 $setup; one native64 $setup; one native $setup; one jvm $setup
  done
done
echo "native executable: $(du -m "$native" | cut -f1) MB ($native)"
echo "JVM application:   $(du -sm "$(dirname "$jar")" | cut -f1) MB (quarkus-app, without the JDK)"
