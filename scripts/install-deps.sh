#!/usr/bin/env bash
# Installs every Debian package Netral needs to build, run and test, when missing.
# Idempotent: does nothing when everything is present. Needs root (or sudo) for apt-get.
set -euo pipefail

PKGS=(
  # build
  build-essential cmake ninja-build ccache pkg-config clang-14 libclang-rt-14-dev
  # libraries
  libboost-dev libsoci-dev libsqlite3-dev libpq-dev libsodium-dev libmagic-dev
  libvectorscan-dev libstemmer-dev libutf8proc-dev libcli11-dev libtomlplusplus-dev
  libspdlog-dev libfmt-dev nlohmann-json3-dev libkainjow-mustache-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libzip-dev libexpat1-dev
  # runtime tools
  sqlite3 postgresql postgresql-client poppler-utils unzip
  # tests and benchmarks
  chromium python3 python3-aiosmtpd python3-ahocorasick wrk
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# Node.js may come from another repository (with npm inside): check for the commands.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
