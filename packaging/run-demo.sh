#!/usr/bin/env bash
# The Ferry demo, from a fresh Debian 12 machine: installs missing packages, builds the release
# preset, starts ferry-emulator with the demo org (resources/demo/org.json) on loopback, creates the
# demo workspace and opens it in the GUI. Without a display (or with --headless) it runs the
# headless demo through ferry-cli instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

headless=0
for a in "$@"; do
    case "$a" in
        --headless) headless=1 ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "run-demo: unknown argument: $a" >&2; exit 2 ;;
    esac
done
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    headless=1
fi

bash packaging/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset release
cmake --build --preset release -j "$jobs" --target ferry ferry-cli ferry-emulator

bin="$root/build/release"
cli="$bin/src/cli/ferry-cli"
gui="$bin/ui/ferry"
emulator="$bin/src/emulator/ferry-emulator"
demo="$root/build/demo"
mkdir -p "$demo"
workspace="$demo/demo.ferry"

# The local Dataverse: the demo org with realistic service protection limits, 5-minute windows
# compressed 10x so the demo's throttling shows within a minute.
emulator_log="$demo/emulator.log"
"$emulator" --listen 127.0.0.1:0 --org "$root/resources/demo/org.json" --limits dataverse --time-scale 10 \
    >"$emulator_log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's/^ferry-emulator listening on \(http[^ ]*\)$/\1/p' "$emulator_log" | head -n 1)
    [[ -n "$url" ]] && break
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        echo "run-demo: ferry-emulator did not start:" >&2
        cat "$emulator_log" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -n "$url" ]] || { echo "run-demo: ferry-emulator did not report its address" >&2; exit 1; }
echo "run-demo: ferry-emulator (demo org) listening on $url (log: $emulator_log)"
export FERRY_DEMO_EMULATOR_URL="$url"

if [[ ! -f "$workspace" ]]; then
    "$cli" workspace create "$workspace"
    # The demo source: the Chinook database, discovered into the workspace (Catalog page).
    "$cli" discover "sqlite://$root/resources/demo/chinook.sqlite" --workspace "$workspace" --name chinook >/dev/null
fi

if [[ $headless -eq 0 ]]; then
    echo "run-demo: opening the GUI on $workspace"
    "$gui" "$workspace"
    exit $?
fi

echo "run-demo: no display: running the headless demo"
bash "$root/packaging/demo-headless.sh" "$cli" "$workspace" "$url"
