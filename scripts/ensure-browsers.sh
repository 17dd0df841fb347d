#!/bin/sh
# Makes sure the browsers the tests drive are installed: Debian's chromium,
# chromium-driver and firefox-esr (test downloads of browsers do not work on
# closed networks), and zip for the extension packages. Installs them with apt
# when running as root; otherwise says in one line what to install.
set -eu
missing=""
[ -x /usr/lib/chromium/chromium ] || missing="$missing chromium chromium-driver"
command -v firefox-esr >/dev/null 2>&1 || missing="$missing firefox-esr"
command -v zip >/dev/null 2>&1 || missing="$missing zip"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "missing:$missing — install them with: sudo apt-get install -y$missing" >&2
  exit 1
fi
