#!/bin/sh
# Runs a test binary inside a private D-Bus session with a real, unlocked gnome-keyring (Secret Service) in a
# temporary HOME, so the keyring test never touches the user's own keyring. Fails (does not skip) when the
# programs are missing: packaging/install-deps.sh installs them.
# Usage: keyring-session.sh TEST-BINARY [ARGS...]
set -u
missing=""
for program in dbus-run-session gnome-keyring-daemon secret-tool timeout; do
    command -v "$program" >/dev/null 2>&1 || missing="$missing $program"
done
if [ -n "$missing" ]; then
    echo "keyring-session.sh: missing$missing: install the Debian packages dbus-bin dbus-daemon gnome-keyring" \
         "libsecret-tools (packaging/install-deps.sh does)" >&2
    exit 1
fi
home=$(mktemp -d) || exit 1
trap 'rm -rf "$home"' EXIT INT TERM
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache"
export XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# QtKeychain picks KWallet on KDE sessions: a plain session makes it use the Secret Service (libsecret).
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION GNOME_DESKTOP_SESSION_ID DISPLAY WAYLAND_DISPLAY
# Unique per run: marks the processes of this session (the test binary checks it is set).
export FERRY_KEYRING_SESSION="$home"
timeout -k 5 80 dbus-run-session -- sh -c '
    # The password only unlocks this throw-away keyring.
    eval "$(printf %s ferry-test-keyring | gnome-keyring-daemon --unlock --components=secrets)" || exit 1
    export GNOME_KEYRING_CONTROL
    "$@"
    rc=$?
    # gnome-keyring-daemon daemonizes and does not always notice that the session bus went away: stop the
    # daemons of this session (found by the marker in their environment), and only those.
    for dir in /proc/[0-9]*; do
        [ "$(cat "$dir/comm" 2>/dev/null)" = gnome-keyring-d ] || continue
        if tr "\\0" "\\n" < "$dir/environ" 2>/dev/null | grep -qxF "FERRY_KEYRING_SESSION=$FERRY_KEYRING_SESSION"; then
            kill "${dir#/proc/}" 2>/dev/null
        fi
    done
    exit $rc' keyring-session "$@"
