#!/usr/bin/env bash
# Installs the Debian 12 packages Ferry needs to build, test and run its demo; only what is missing.
# Safe to run repeatedly. Uses sudo when not root. Set FERRY_SKIP_DEPS=1 to skip entirely.
set -euo pipefail

if [[ "${FERRY_SKIP_DEPS:-0}" == "1" ]]; then
    exit 0
fi

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config ccache
    # Qt 6 (Widgets, Sql, Charts needs the OpenGL dev package, Linguist tools) and SQL drivers
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-odbc libqt6sql6-psql
    # libraries
    libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev libxlsxwriter-dev libfreexl-dev libminizip-dev
    libboost-dev libgoogle-perftools-dev
    # tests and benchmarks
    libgtest-dev libgmock-dev libbenchmark-dev wrk sqlite3 curl procps
    # real spreadsheets written by a third-party writer for the reader tests
    python3 python3-openpyxl
    # a real PostgreSQL server and ODBC driver for the SQL-source tests (started on loopback by tests/pg)
    postgresql-15 odbc-postgresql unixodbc
    # client secrets in the desktop keyring (QtKeychain over the Secret Service), and a real headless Secret
    # Service (private D-Bus session + gnome-keyring) plus openssl (test certificates) for tests/target
    qtkeychain-qt6-dev gnome-keyring dbus-daemon dbus-bin libsecret-tools openssl
    # running the GUI without a display, and fonts so offscreen screenshots have text
    xvfb xauth fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all ${#packages[@]} Debian packages are installed"
    exit 0
fi

echo "install-deps: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
        SUDO="sudo"
    else
        echo "install-deps: not root and no sudo: install these packages yourself: ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
