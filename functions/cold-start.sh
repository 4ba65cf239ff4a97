#!/usr/bin/env bash
# Cold start of the gateway function, measured on this machine: N fresh JVMs per mode, each
# running ColdStartMeasurement against the shaded jar (what is deployed). Prints every sample and
# the medians. "unprimed": Lambda init + first tools/list. "primed": the same after the SnapStart
# priming hook ran (its cost is paid before the snapshot, not by the first request).
# Usage: functions/cold-start.sh [SAMPLES]   (builds the jar first; needs a JDK >= 21)
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES=${1:-7}
export JAVA_HOME=${JAVA_HOME:-$(scripts/find-jdk.sh)}
mvn -B -ntp -q -DskipTests package -pl functions -am >/dev/null
CONFIG=$(mktemp --suffix=.yaml)
trap 'rm -f "$CONFIG"' EXIT
# Predefined tools, so tools/list answers without starting or reaching any provider.
cat >"$CONFIG" <<'YAML'
gateway:
  allowed_hosts: ["*"]
  background_discovery: false
providers:
  weather:
    mode: remote
    url: https://weather.invalid/mcp
    tools:
      - {name: forecast, description: Forecast for a city, inputSchema: {type: object, properties: {city: {type: string}}}}
      - {name: alerts, description: Weather alerts, inputSchema: {type: object}}
YAML
CP="functions/target/jetway-functions-0.1.0-SNAPSHOT.jar:functions/target/test-classes"
# Lambda's java21 runtime stops tiered compilation at C1 by default; do the same.
JVM_FLAGS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
for mode in unprimed primed; do
  for _ in $(seq "$SAMPLES"); do
    JETWAY_CONFIG="$CONFIG" "$JAVA_HOME/bin/java" $JVM_FLAGS -cp "$CP" dev.jetway.functions.ColdStartMeasurement "$mode" \
      | grep '^{"mode"'
  done
done | tee /dev/stderr | python3 -c '
import json, statistics, sys
rows = [json.loads(l) for l in sys.stdin]
for mode in ("unprimed", "primed"):
    r = [x for x in rows if x["mode"] == mode]
    m = {k: statistics.median(x[k] for x in r) for k in ("jvmToMainMs", "initMs", "primingMs", "firstToolsListMs", "classesLoaded")}
    print("%-9s n=%d  median ms: jvm->main %.0f, init %.0f, priming %.0f, first tools/list %.1f; "
          "jvm->first answer, priming not counted: %.0f; classes loaded by the answer: %d" % (mode, len(r),
          m["jvmToMainMs"], m["initMs"], m["primingMs"], m["firstToolsListMs"],
          m["jvmToMainMs"] + m["initMs"] + m["firstToolsListMs"], m["classesLoaded"]))
'
