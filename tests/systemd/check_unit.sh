#!/bin/sh
# Checks the shipped systemd files:
#   check_unit.sh UNIT SYSUSERS TMPFILES RECTIFYD_BINARY MAX_EXPOSURE
# - the unit carries the directives the daemon relies on (notify, watchdog, reload, directories),
# - `systemd-analyze verify` on it (ExecStart pointed at the built binary) prints nothing,
# - `systemd-analyze security --offline=true` rates it at most MAX_EXPOSURE,
# - sysusers.d creates the rectifyd user and tmpfiles.d its directories, in a scratch root.
set -eu
unit=$1 sysusers=$2 tmpfiles=$3 binary=$4 max=$5
fail() { echo "FAIL: $*" >&2; exit 1; }

command -v systemd-analyze >/dev/null || fail "systemd-analyze is not installed (apt-get install systemd)"
[ -x "$binary" ] || fail "no executable at $binary"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for directive in 'Type=notify' 'WatchdogSec=30s' 'Restart=on-failure' \
                 'ExecStart=/usr/bin/rectifyd --config /etc/rectifyd/rectifyd.toml' \
                 'ExecReload=/bin/kill -HUP $MAINPID' 'User=rectifyd' \
                 'StateDirectory=rectifyd' 'ConfigurationDirectory=rectifyd' \
                 'RuntimeDirectory=rectifyd' 'UMask=0077' 'ProtectSystem=strict' \
                 'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6' \
                 'SystemCallFilter=@system-service'; do
  grep -qxF "$directive" "$unit" || fail "$unit lacks the line: $directive"
done
# The daemon must reach webhooks and SMTP servers.
if grep -Eq '^(PrivateNetwork=yes|IPAddressDeny=)' "$unit"; then
  fail "$unit cuts the network off"
fi

sed "s|^ExecStart=/usr/bin/rectifyd |ExecStart=$binary |" "$unit" >"$tmp/rectifyd.service"
grep -q "^ExecStart=$binary " "$tmp/rectifyd.service" || fail "could not point ExecStart at $binary"

verify=$(systemd-analyze verify "$tmp/rectifyd.service" 2>&1) || fail "systemd-analyze verify failed: $verify"
[ -z "$verify" ] || fail "systemd-analyze verify warned: $verify"

report=$(systemd-analyze security --offline=true --no-pager "$tmp/rectifyd.service" 2>&1) ||
  fail "systemd-analyze security failed: $report"
score=$(printf '%s\n' "$report" | sed -n 's/.*Overall exposure level for rectifyd\.service: \([0-9.]*\).*/\1/p')
[ -n "$score" ] || fail "no exposure level in: $report"
awk -v s="$score" -v m="$max" 'BEGIN { exit !(s + 0 <= m + 0) }' ||
  fail "exposure level $score is above $max: $report"
echo "exposure level $score (at most $max)"

mkdir -p "$tmp/root/etc"
systemd-sysusers --root="$tmp/root" "$sysusers" >/dev/null 2>&1 || fail "systemd-sysusers rejected $sysusers"
grep -q '^rectifyd:x:[0-9]*:[0-9]*:.*:/var/lib/rectifyd:' "$tmp/root/etc/passwd" ||
  fail "sysusers did not create the rectifyd user"
grep -q '^rectifyd:x:' "$tmp/root/etc/group" || fail "sysusers did not create the rectifyd group"

if [ "$(id -u)" = 0 ]; then
  systemd-tmpfiles --root="$tmp/root" --create "$tmpfiles" || fail "systemd-tmpfiles rejected $tmpfiles"
  uid=$(sed -n 's/^rectifyd:x:\([0-9]*\):.*/\1/p' "$tmp/root/etc/passwd")
  [ "$(stat -c '%a %u' "$tmp/root/var/lib/rectifyd")" = "700 $uid" ] ||
    fail "/var/lib/rectifyd is not 0700 rectifyd: $(stat -c '%a %u' "$tmp/root/var/lib/rectifyd")"
  [ "$(stat -c '%a' "$tmp/root/etc/rectifyd")" = "750" ] || fail "/etc/rectifyd is not 0750"
else
  # Without root tmpfiles cannot chown; still make sure it parses every line.
  systemd-tmpfiles --root="$tmp/root" --create "$tmpfiles" 2>&1 | grep -qi 'syntax\|unknown' &&
    fail "systemd-tmpfiles cannot parse $tmpfiles"
fi
echo "systemd files OK"
