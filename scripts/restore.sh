#!/usr/bin/env bash
# Restores a backup made by backup.sh into a fresh, empty data directory.
#
#   scripts/restore.sh <backup-file> <DATA_DIR>
#
# 1. Initialises the embedded PostgreSQL in DATA_DIR exactly as the server does on first start
#    (server/dist/db/embedded.js: initdb, new credentials.json with new passwords and JWT secret,
#    the database `stp`, the login role stp_server). Build the server first.
# 2. Creates the group role stp_app (as the first migration does) and grants it to stp_server.
# 3. pg_restore (Debian's PostgreSQL 15 client) into the empty database, in one transaction.
# 4. Stops PostgreSQL. Start the server on DATA_DIR as usual: nothing is left to migrate.
# Login tokens and API keys stay valid only where they do not depend on the old JWT secret: users
# log in again (API keys are stored as hashes and keep working).
set -euo pipefail

usage() { echo "usage: $0 <backup-file> <DATA_DIR>" >&2; exit 2; }
[ $# -eq 2 ] || usage
IN=$(realpath "$1")
[ -f "$IN" ] || { echo "no backup file $1" >&2; exit 1; }
mkdir -p "$2"
DATA_DIR=$(cd "$2" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/pg-tools.sh
source "$ROOT/scripts/pg-tools.sh"

if [ -e "$DATA_DIR/pg" ] || [ -e "$DATA_DIR/credentials.json" ]; then
  echo "$DATA_DIR already holds a database: restore only into a fresh, empty data directory" >&2
  exit 1
fi
ensure_pg15_client
start_embedded "$DATA_DIR"
trap stop_embedded EXIT
read_credentials "$DATA_DIR"

psql_owner() { PGPASSWORD="$PG_OWNER_PASSWORD" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
tables=$(psql_owner -d stp -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")
[ "$tables" = "0" ] || { echo "database stp in $DATA_DIR is not empty ($tables tables)" >&2; exit 1; }
psql_owner -d stp <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stp_app') THEN
    CREATE ROLE stp_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
GRANT stp_app TO stp_server;
SQL
PGPASSWORD="$PG_OWNER_PASSWORD" "$PG_BIN/pg_restore" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d stp --exit-on-error --single-transaction "$IN"
echo "restored $IN into $DATA_DIR ($(psql_owner -d stp -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'") tables)"
