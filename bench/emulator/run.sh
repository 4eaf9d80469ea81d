#!/usr/bin/env bash
# ferry-emulator throughput benchmark. Builds nothing: run after
#   cmake --preset bench && cmake --build --preset bench --target ferry-emulator
# Prints | metric | ours | target | ratio |.
#
# Environment: FERRY_BENCH_BUILD (default build/bench), ORG (default tests/data/emulator/org-wide.json),
# DURATION seconds per measured run (default 15), THREADS emulator io threads (default 2),
# WRK_THREADS (default 2), CONNECTIONS (default 64).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${FERRY_BENCH_BUILD:-$ROOT/build/bench}
EMU=$BUILD/src/emulator/ferry-emulator
ORG=${ORG:-$ROOT/tests/data/emulator/org-wide.json}
TABLE=${TABLE:-ferry_widerecord}
DURATION=${DURATION:-15}
THREADS=${THREADS:-2}
WRK_THREADS=${WRK_THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
TARGET_RECORDS=100000
TARGET_CONNECTIONS=256

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done
[ -x "$EMU" ] || { echo "run.sh: $EMU not built (cmake --build --preset bench --target ferry-emulator)" >&2; exit 2; }
[ -f "$ORG" ] || { echo "run.sh: org file $ORG missing" >&2; exit 2; }

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d)
EMU_PID=
cleanup() {
  if [ -n "$EMU_PID" ]; then kill "$EMU_PID" 2>/dev/null || true; wait "$EMU_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$EMU" --listen 127.0.0.1:0 --org "$ORG" --limits off --threads "$THREADS" >"$WORK/out" 2>"$WORK/err" &
EMU_PID=$!
for _ in $(seq 1 200); do
  grep -q 'listening on' "$WORK/out" 2>/dev/null && break
  sleep 0.05
done
BASE=$(sed -n 's/^ferry-emulator listening on \(http:[^ ]*\)$/\1/p' "$WORK/out")
[ -n "$BASE" ] || { echo "run.sh: emulator did not start:" >&2; cat "$WORK/err" >&2; exit 1; }
PORT=$(echo "$BASE" | sed 's/.*:\([0-9]*\)\/$/\1/')

USER_JSON=$(curl -sf "${BASE}_emulator/appusers")
read -r TENANT CLIENT SECRET < <(echo "$USER_JSON" | python3 -c 'import json,sys; u=json.load(sys.stdin)[0]; print(u["tenant"], u["clientId"], u["clientSecret"])')
TOKEN=$(curl -sf -X POST "${BASE}${TENANT}/oauth2/v2.0/token" \
  --data-urlencode grant_type=client_credentials --data-urlencode "client_id=$CLIENT" \
  --data-urlencode "client_secret=$SECRET" --data-urlencode "scope=${BASE}.default" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
SET=$(python3 -c 'import json,sys; print(next(e["EntitySetName"] for e in json.load(open(sys.argv[1]))["value"] if e["LogicalName"]==sys.argv[2]))' "$ORG" "$TABLE")

COLUMNS=$(python3 "$HERE/make_bodies.py" "$ORG" "$TABLE" 200 100 "$WORK/bodies.txt")
BODY_KB=$(( $(head -1 "$WORK/bodies.txt" | wc -c) / 1024 ))

# One request by hand first: a benchmark of error answers would be worthless.
head -1 "$WORK/bodies.txt" >"$WORK/one.json"
STATUS=$(curl -s -o "$WORK/one.out" -w '%{http_code}' -X POST "${BASE}api/data/v9.2/${SET}/Microsoft.Dynamics.CRM.UpsertMultiple" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Expect:' --data-binary @"$WORK/one.json")
if [ "${STATUS:0:1}" != 2 ]; then
  echo "run.sh: the service refused a benchmark body ($STATUS):" >&2; head -c 600 "$WORK/one.out" >&2; echo >&2; exit 1
fi

export BODIES="$WORK/bodies.txt" TOKEN TABLE_SET="$SET"
# Warm-up: first inserts of the 20,000 keys; the measured run upserts over existing rows and new ones alike.
wrk -t1 -c8 -d3 -s "$HERE/upsert.lua" "$BASE" >/dev/null
cpu_ticks() { awk '{print $14 + $15}' "/proc/$EMU_PID/stat"; }
CPU0=$(cpu_ticks)
UPSERT=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s "$HERE/upsert.lua" "$BASE" | grep '^RESULT')

CPU1=$(cpu_ticks)

# The HTTP layer alone: the same bodies, answered without the service parsing them.
RAW=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d5 --timeout 30s -s "$HERE/rawbody.lua" "${BASE}api/data/v9.2/WhoAmI" | grep '^RESULT')

# 256 keep-alive connections at once; count the established server-side sockets mid-run.
wrk -t"$WRK_THREADS" -c"$TARGET_CONNECTIONS" -d6 --timeout 30s -s "$HERE/whoami.lua" "${BASE}api/data/v9.2/WhoAmI" >"$WORK/conn" &
WRK_PID=$!
sleep 3
HELD=$(ss -Htn state established "( sport = :$PORT )" | wc -l)
wait $WRK_PID
CONN=$(grep '^RESULT' "$WORK/conn")
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$EMU_PID/status")

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
REQS=$(field "$UPSERT" requests); SECS=$(field "$UPSERT" seconds)
RPS=$(python3 -c "print(round($REQS*100/$SECS))")
RATIO=$(python3 -c "print('%.2f' % ($RPS/$TARGET_RECORDS))")
CREQS=$(field "$CONN" requests); CSECS=$(field "$CONN" seconds)
CRPS=$(python3 -c "print(round($CREQS/$CSECS))")
RAWRPS=$(python3 -c "print(round($(field "$RAW" requests)/$(field "$RAW" seconds)))")
TICK=$(getconf CLK_TCK)
CPU_MS=$(python3 -c "print('%.2f' % (($CPU1-$CPU0)*1000.0/$TICK/$REQS))")
CEILING=$(python3 -c "print(round($(nproc)*1000.0/$CPU_MS*100))")
HRATIO=$(python3 -c "print('%.2f' % ($HELD/$TARGET_CONNECTIONS))")

echo
echo "ferry-emulator benchmark: $(nproc) cores (load average before: $LOAD), $THREADS io threads, --limits off, $COLUMNS columns x 100 records per UpsertMultiple (${BODY_KB} KB bodies), ${DURATION}s"
echo
echo "| metric | ours | target | ratio |"
echo "|---|---|---|---|"
echo "| UpsertMultiple records/s, $CONNECTIONS keep-alive connections | $RPS | $TARGET_RECORDS | $RATIO |"
echo "| UpsertMultiple requests/s | $(python3 -c "print(round($REQS/$SECS))") | $((TARGET_RECORDS / 100)) | $RATIO |"
echo "| emulator CPU per UpsertMultiple (ms, load-independent) | $CPU_MS | - | - |"
echo "| records/s implied on $(nproc) dedicated cores (cores / CPU per request x 100) | $CEILING | $TARGET_RECORDS | $(python3 -c "print('%.2f' % ($CEILING/$TARGET_RECORDS))") |"
echo "| UpsertMultiple latency p50 / p99 (ms) | $(field "$UPSERT" p50ms) / $(field "$UPSERT" p99ms) | - | - |"
echo "| UpsertMultiple non-2xx / socket errors | $(field "$UPSERT" non2xx) / $(field "$UPSERT" socketerrors) | 0 / 0 | - |"
echo "| HTTP layer only: ${BODY_KB} KB bodies/s (GET WhoAmI, body unparsed), records-equivalent | $((RAWRPS * 100)) | $TARGET_RECORDS | $(python3 -c "print('%.2f' % ($RAWRPS*100/$TARGET_RECORDS))") |"
echo "| concurrent connections held (WhoAmI) | $HELD | $TARGET_CONNECTIONS | $HRATIO |"
echo "| WhoAmI requests/s at $TARGET_CONNECTIONS connections | $CRPS | - | - |"
echo "| WhoAmI non-2xx / socket errors at $TARGET_CONNECTIONS connections | $(field "$CONN" non2xx) / $(field "$CONN" socketerrors) | 0 / 0 | - |"
echo "| emulator peak RSS (MB) | $((RSS_KB / 1024)) | - | - |"
