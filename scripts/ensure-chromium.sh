#!/usr/bin/env bash
# Make sure Debian's chromium is installed: the browser tests drive /usr/bin/chromium
# through Playwright rather than downloading a browser of their own.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "The browser tests need Debian's chromium at $CHROMIUM, and it is not installed." >&2
  echo "Install it with:  sudo apt-get install chromium" >&2
  exit 1
fi

echo "Installing Debian's chromium (browser tests need $CHROMIUM)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "apt-get installed chromium but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "Installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
