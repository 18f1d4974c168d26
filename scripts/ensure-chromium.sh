#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium for the browser tests (tests/e2e).
# Installs it with apt-get when missing: as root directly, otherwise through sudo if available.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

echo "ensure-chromium: $CHROMIUM not found; installing the Debian package 'chromium'..." >&2

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: apt-get is not available on this system; install Chromium so that $CHROMIUM exists, then rerun the tests." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "ensure-chromium: not running as root and sudo is not available; as root run: apt-get update -q && apt-get install -y -q chromium" >&2
  exit 1
fi

if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
  || ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; then
  echo "ensure-chromium: installing the 'chromium' package failed (see the apt-get output above)." >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: the 'chromium' package was installed but $CHROMIUM is still missing." >&2
  exit 1
fi

echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)" >&2
