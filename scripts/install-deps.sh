#!/usr/bin/env bash
# Installs the Debian 12 packages rectifyd needs to build, run and test.
# Idempotent: when every package is present it only checks and returns.
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libcurl4-openssl-dev libsqlite3-dev libsqlitecpp-dev
  libspdlog-dev libfmt-dev libtomlplusplus-dev libhowardhinnant-date-dev
  libcli11-dev libsystemd-dev libssl-dev tzdata sqlite3 ca-certificates
  libxlsxwriter-dev libzip-dev libexpat1-dev libsodium-dev libjs-bootstrap5 libjs-chart.js libmagic-dev
)
test_pkgs=(
  libgtest-dev libgmock-dev python3 python3-aiosmtpd curl clang-format systemd openssl
  python3-openpyxl python3-docx chromium chromium-driver python3-selenium fonts-noto-cjk
)
# The fuzz targets (scripts/fuzz.sh, also run briefly by scripts/test.sh): clang with its
# libFuzzer, AddressSanitizer and UBSan runtimes.
fuzz_pkgs=(
  clang-14 libclang-rt-14-dev
)
# Benchmarks only (--bench): nginx and wrk for the delivery benchmark, postfix for its
# smtp-sink (the email benchmark's SMTP server). Postfix itself is installed unconfigured and
# its service is left stopped and disabled.
bench_pkgs=(
  nginx-light wrk postfix
)

want=("${build_pkgs[@]}")
for arg in "$@"; do
  case "$arg" in
    --test) want+=("${test_pkgs[@]}" "${fuzz_pkgs[@]}") ;;
    --fuzz) want+=("${fuzz_pkgs[@]}") ;;
    --bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  esac
done

# The browser tests' chromedriver and Chromium reach each other as "localhost". A Debian
# installer writes /etc/hosts; a minimal system (debootstrap, some containers) may have none,
# and then nothing resolves that name.
if [[ " $* " == *" --test "* || " $* " == *" --bench "* ]] && ! getent hosts localhost >/dev/null; then
  echo "adding localhost to /etc/hosts (the browser tests need the name)" >&2
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' |
    if [[ $(id -u) -eq 0 ]]; then tee -a /etc/hosts; else sudo tee -a /etc/hosts; fi >/dev/null
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
if [[ " ${missing[*]} " == *" postfix "* ]]; then
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [[ " ${missing[*]} " == *" postfix "* ]]; then
  $SUDO systemctl disable --now postfix >/dev/null 2>&1 || $SUDO service postfix stop >/dev/null 2>&1 || true
fi
