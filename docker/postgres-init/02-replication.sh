#!/bin/sh
# Runs once, when the primary's volume is created, and only with REPLICATION_PASSWORD set (the
# "scale" profile of compose.yaml): a role for streaming replication and the pg_hba.conf line that
# lets it connect from the compose network. The replica clones the primary with pg_basebackup.
set -eu
if [ -z "${REPLICATION_PASSWORD:-}" ]; then
  exit 0
fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v pw="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator LOGIN REPLICATION PASSWORD :'pw';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
