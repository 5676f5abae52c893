#!/usr/bin/env bash
# Installs the Debian packages the tests use as real peers, when they are missing:
# PostgreSQL (server and client), MariaDB, Prometheus, zstd. Safe to run again.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || ls /usr/lib/postgresql/*/bin/"$1" >/dev/null 2>&1; }
have pg_dump || need+=(postgresql postgresql-client)
have initdb || need+=(postgresql)
have mariadbd || have mysqld || need+=(mariadb-server mariadb-client)
have prometheus || need+=(prometheus)
have zstd || need+=(zstd)
have chromium || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Services must not start on install: the tests start their own servers on loopback.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
echo "installing: ${need[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
