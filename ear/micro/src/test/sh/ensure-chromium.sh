#!/bin/sh
# The page tests drive a real headless Chromium through ChromeDriver. Debian packages both
# (chromium, chromium-driver); install them when missing, as CI runs on a fresh machine.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
echo "Installing Debian's chromium and chromium-driver for the browser tests..."
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "chromium/chromedriver are missing and cannot be installed without root: apt-get install chromium chromium-driver" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || {
    $SUDO apt-get update -q >/dev/null
    $SUDO apt-get install -y -q chromium chromium-driver >/dev/null
}
test -x /usr/bin/chromium && test -x /usr/bin/chromedriver
echo "Installed: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
