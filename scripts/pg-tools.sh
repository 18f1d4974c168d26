# Shared by backup.sh and restore.sh (sourced, not run): Debian's PostgreSQL 15 client tools, the
# credentials of a data directory, and starting/stopping its embedded PostgreSQL the server's way.

PG_BIN=/usr/lib/postgresql/15/bin

ensure_pg15_client() {
  if [ ! -x "$PG_BIN/pg_dump" ] || [ ! -x "$PG_BIN/pg_restore" ] || [ ! -x "$PG_BIN/psql" ]; then
    echo "installing postgresql-client-15 (pg_dump and pg_restore must match the embedded PostgreSQL 15)" >&2
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql-client-15 >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq postgresql-client-15 >/dev/null; fi
  fi
}

read_credentials() {
  PG_PORT=$(node -e 'console.log(require(process.argv[1]).port)' "$1/credentials.json")
  PG_OWNER_PASSWORD=$(node -e 'console.log(require(process.argv[1]).ownerPassword)' "$1/credentials.json")
  export PG_PORT PG_OWNER_PASSWORD
}

pg_answers() {
  PGPASSWORD="$PG_OWNER_PASSWORD" PGCONNECT_TIMEOUT=3 "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d stp -qAt -c 'SELECT 1' >/dev/null 2>&1
}

EMBEDDED_PID=
EMBEDDED_LOG=
# Starts the embedded PostgreSQL of $1 with the server's own code and waits until it answers.
start_embedded() {
  local main="$ROOT/server/dist/db/embedded.js"
  [ -f "$main" ] || { echo "$main is missing: build the server first" >&2; exit 1; }
  EMBEDDED_LOG=$(mktemp)
  node -e '
    const { startEmbeddedPostgres } = require(process.argv[1]);
    startEmbeddedPostgres({ dataDir: process.argv[2], log: (m) => console.error(m) }).then((db) => {
      console.log("ready");
      const stop = () => db.stop().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
      setInterval(() => undefined, 1 << 30);
    }, (e) => { console.error(e); process.exit(1); });
  ' "$main" "$1" >"$EMBEDDED_LOG" 2>&1 &
  EMBEDDED_PID=$!
  for _ in $(seq 1 600); do
    if grep -q '^ready$' "$EMBEDDED_LOG"; then return 0; fi
    if ! kill -0 "$EMBEDDED_PID" 2>/dev/null; then cat "$EMBEDDED_LOG" >&2; echo "embedded PostgreSQL did not start" >&2; exit 1; fi
    sleep 0.2
  done
  cat "$EMBEDDED_LOG" >&2
  echo "embedded PostgreSQL did not start in 120 s" >&2
  exit 1
}

stop_embedded() {
  if [ -n "$EMBEDDED_PID" ] && kill -0 "$EMBEDDED_PID" 2>/dev/null; then
    kill -TERM "$EMBEDDED_PID"
    wait "$EMBEDDED_PID" || true
  fi
  [ -n "$EMBEDDED_LOG" ] && rm -f "$EMBEDDED_LOG"
  EMBEDDED_PID=
}
