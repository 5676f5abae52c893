#!/usr/bin/env bash
# Installs the Debian packages the tests use as real peers, when they are missing: PostgreSQL
# (server and client), MariaDB, Prometheus, zstd, and Chromium (the demo pages test). `npm test`
# runs it first; it says nothing when everything is present, and is safe to run again. Needs root
# or sudo to install.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || ls /usr/lib/postgresql/*/bin/"$1" >/dev/null 2>&1; }
have pg_dump || need+=(postgresql postgresql-client)
have initdb || need+=(postgresql)
have mariadbd || have mysqld || need+=(mariadb-server)
have mariadb-dump || have mysqldump || need+=(mariadb-client)
have prometheus || need+=(prometheus)
have zstd || need+=(zstd)
have chromium || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing system packages (${need[*]}): install them with your package manager; this script knows apt-get only" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "missing system packages (${need[*]}): run as root, or install sudo, to let npm test install them" >&2
    exit 1
  fi
  SUDO="sudo"
fi
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
