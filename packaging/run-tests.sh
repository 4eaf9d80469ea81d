#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs missing packages, configures and
# builds with the "test" preset (AddressSanitizer + UndefinedBehaviorSanitizer, -Werror) and runs
# every test under CTest (GUI tests run offscreen). Extra arguments go to ctest (e.g. -R emulator).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash packaging/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset test
cmake --build --preset test -j "$jobs"
ctest --preset test -j "$jobs" "$@"
