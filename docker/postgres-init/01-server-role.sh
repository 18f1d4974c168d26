#!/bin/sh
# Runs once, when the database volume is created: the server's login role. It owns nothing, is no
# superuser and cannot bypass RLS; migrations grant it the stp_app role that holds table rights.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v pw="$STP_SERVER_PASSWORD" <<'SQL'
CREATE ROLE stp_server LOGIN PASSWORD :'pw' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
SQL
