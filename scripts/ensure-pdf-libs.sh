#!/usr/bin/env bash
# Make sure the system libraries WeasyPrint draws PDFs with (pango, and harfbuzz and fontconfig through it)
# and poppler-utils' pdftotext (the tests read the PDFs' text with it) are installed, from Debian.
set -euo pipefail

PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation poppler-utils)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Progress reports are made as PDFs with WeasyPrint, which needs: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "Installing ${missing[*]} (PDFs of progress reports, and pdftotext for their tests)..."
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq >/dev/null; apt-get install -y -qq "${missing[@]}" >/dev/null; }
echo "Installed ${missing[*]}"
