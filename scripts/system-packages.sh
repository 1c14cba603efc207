#!/usr/bin/env bash
# Debian packages the tests need (promtool, Alertmanager; chromium and CJK
# fonts for the console's end-to-end tests, so Chinese renders): installed when
# missing, so `npm test` sets up a fresh machine by itself. Run before the
# tests by npm's pretest; quick when everything is there already.
set -euo pipefail
missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
fc-list ':lang=zh' 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
# As root directly; otherwise through sudo when it needs no password (CI runners).
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
if ! command -v apt-get >/dev/null 2>&1 || { [ ${#as_root[@]} -gt 0 ] && ! sudo -n true 2>/dev/null; }; then
  echo "orderlens tests need the Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "installing Debian packages for the tests: ${missing[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# RUNLEVEL=1: install the binaries without starting their services; the tests start their own on loopback.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
