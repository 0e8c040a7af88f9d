#!/usr/bin/env bash
# Installs the Debian 12 packages rectifyd needs to build, run and test.
# Idempotent: when every package is present it only checks and returns.
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libcurl4-openssl-dev libsqlite3-dev libsqlitecpp-dev
  libspdlog-dev libfmt-dev libtomlplusplus-dev libhowardhinnant-date-dev
  libcli11-dev libsystemd-dev libssl-dev tzdata sqlite3
)
test_pkgs=(
  libgtest-dev libgmock-dev python3 python3-aiosmtpd curl nginx-light wrk clang-format
  systemd
)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "--test" ]]; then
  want+=("${test_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  SUDO="sudo"
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
