#!/usr/bin/env bash
# Installs what the test suite needs and a fresh machine may lack (Debian packages): redis-server, which the
# storage and cluster tests start themselves on private loopback ports (never as a system service), and
# node >= 20 with npm for tests/js, and curl, jq and openssl, which the README walkthrough and the secret scripts
# use (tests/js runs both), and Debian's chromium with a CJK font, which tests/Web.Tests drives with Playwright by
# its path /usr/bin/chromium (browser downloads are not possible here; the font makes the Chinese screenshots legible).
# Called by scripts/test.sh, so the README's one test command sets up alone.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
for tool in curl jq openssl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
{ command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "node $(node --version) is too old: tests/js needs node 20 or later" >&2
  exit 1
fi
