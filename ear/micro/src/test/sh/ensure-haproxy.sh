#!/bin/sh
# ClusterIT puts Debian's haproxy in front of two Twofold nodes (round robin, as in production).
# Install it when missing, as CI runs on a fresh machine.
set -eu
if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
    exit 0
fi
echo "Installing Debian's haproxy for the two-node test..."
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "haproxy is missing and cannot be installed without root: apt-get install haproxy" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q haproxy >/dev/null 2>&1 || {
    $SUDO apt-get update -q >/dev/null
    $SUDO apt-get install -y -q haproxy >/dev/null
}
test -x /usr/sbin/haproxy
echo "Installed: $(/usr/sbin/haproxy -v 2>/dev/null | head -1)"
