#!/usr/bin/env bash
# Backs up the database of a data directory with Debian's PostgreSQL 15 client (pg_dump -Fc).
#
#   scripts/backup.sh <DATA_DIR> <backup-file>
#
# Connection details come from DATA_DIR/credentials.json (written by the server on first start). The
# dump is taken as the owner `postgres`, the superuser of the embedded cluster: pg_dump turns row
# security off, which only a role that bypasses RLS may do, and stp_server deliberately cannot.
# Works while the server runs (pg_dump reads one consistent snapshot); when it does not run, the
# embedded PostgreSQL of DATA_DIR is started for the dump, the way the server starts it
# (server/dist/db/embedded.js), and stopped again. Roles are not part of the dump: restore.sh
# recreates stp_app, the group role of the migrations.
set -euo pipefail

usage() { echo "usage: $0 <DATA_DIR> <backup-file>" >&2; exit 2; }
[ $# -eq 2 ] || usage
DATA_DIR=$(cd "$1" && pwd)
OUT=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/pg-tools.sh
source "$ROOT/scripts/pg-tools.sh"

[ -f "$DATA_DIR/credentials.json" ] || { echo "no credentials.json in $DATA_DIR: not a server data directory" >&2; exit 1; }
ensure_pg15_client
read_credentials "$DATA_DIR"

if ! pg_answers; then
  start_embedded "$DATA_DIR"
  trap stop_embedded EXIT
  read_credentials "$DATA_DIR"
fi

tmp="$OUT.partial"
PGPASSWORD="$PG_OWNER_PASSWORD" "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d stp -Fc -f "$tmp"
mv "$tmp" "$OUT"
echo "backup written: $OUT ($(stat -c %s "$OUT") bytes, database stp on port $PG_PORT)"
