#!/usr/bin/env bash
# The scale-out suite needs Debian's PostgreSQL 15 server binaries (initdb, pg_ctl, postgres) and
# pg_basebackup for the streaming replica. A fresh CI machine (root, Node and apt only) installs them.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
if [[ -x "$BIN/pg_basebackup" && -x "$BIN/postgres" && -x "$BIN/initdb" ]]; then
  exit 0
fi
if [[ "$(id -u)" != "0" ]]; then
  echo "PostgreSQL 15 is missing in $BIN; install postgresql-15 (Debian) or run as root to let this script do it" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Only the binaries: no cluster is created or started by the package.
mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/no-main-cluster.conf
apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-client-15 >/dev/null
test -x "$BIN/pg_basebackup"
