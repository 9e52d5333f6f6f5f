#!/usr/bin/env bash
# PostgreSQL from Debian's packages, as a system cluster on 127.0.0.1:$PG_PORT.
#   postgres.sh up     start the cluster (creating it if the machine has none),
#                      ensure the ckan role and the portal and test databases,
#                      and each one's DataStore database with its read-only role
#   postgres.sh down   stop the cluster, if `up` started it
source "$(dirname "$0")/common.sh"

started_marker=$STATE/postgres.started-by-us

cluster() { pg_lsclusters --no-header 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1, $2, $4; exit}'; }

psql_admin() { (cd / && as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtA "$@"); }

ensure_database() {
  local db=$1
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    log "creating database $db"
    psql_admin -c "CREATE DATABASE \"$db\" OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"
  fi
}

up() {
  command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed: run scripts/system-deps.sh"
  mkdir -p "$STATE"
  local ver name status
  read -r ver name status < <(cluster) || true
  if [ -z "${ver:-}" ]; then
    ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
    name=main
    log "creating PostgreSQL $ver cluster '$name' on port $PG_PORT"
    as_root pg_createcluster -p "$PG_PORT" "$ver" "$name" >/dev/null
    status=down
  fi
  # Loopback only (Debian's default 'localhost' also binds ::1).
  local conf=/etc/postgresql/$ver/$name/conf.d/pe-catalog.conf
  local wanted="listen_addresses = '127.0.0.1'"
  if [ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]; then
    echo "$wanted" | as_root tee "$conf" >/dev/null
    [ "$status" = online ] && as_root pg_ctlcluster "$ver" "$name" restart
  fi
  if [ "$status" != online ]; then
    log "starting PostgreSQL $ver/$name"
    as_root pg_ctlcluster "$ver" "$name" start
    echo "$ver $name" > "$started_marker"
  fi
  wait_until 30 PostgreSQL pg_isready -q -h 127.0.0.1 -p "$PG_PORT"

  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
    log "creating database role $DB_USER"
    psql_admin -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
  fi
  ensure_database "$DB_PORTAL"
  ensure_database "$DB_TEST"
  ensure_database "$DB_HARVEST_SOURCE"
  ensure_database "$DB_HARVEST_TARGET"

  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_DATASTORE_READER'")" != 1 ]; then
    log "creating the DataStore's read-only role $DB_DATASTORE_READER"
    psql_admin -c "CREATE ROLE $DB_DATASTORE_READER NOSUPERUSER NOCREATEDB NOCREATEROLE LOGIN PASSWORD '$DB_DATASTORE_READER_PASSWORD'"
  fi
  ensure_database "$DB_DATASTORE_PORTAL"
  ensure_database "$DB_DATASTORE_TEST"
  datastore_permissions "$DB_PORTAL" "$DB_DATASTORE_PORTAL"
  datastore_permissions "$DB_TEST" "$DB_DATASTORE_TEST"
}

# datastore_permissions MAINDB DATASTOREDB: CKAN's own permission script
# (`ckan datastore set-permissions`, rendered without a config file): the
# read-only role may read the DataStore and not connect to the main database.
# It is idempotent, so every `up` runs it.
datastore_permissions() {
  "$PY" - "$1" "$2" "$DB_USER" "$DB_DATASTORE_READER" <<'PY' | psql_admin >/dev/null
import sys
from ckanext.datastore.cli import permissions_sql
maindb, datastoredb, user, reader = sys.argv[1:]
sql = permissions_sql(maindb=maindb, datastoredb=datastoredb, mainuser=user, writeuser=user, readuser=reader)
# quiet the "already exists, skipping" notices of a second run
print(sql.replace(f"\\connect \"{datastoredb}\"\n", f"\\connect \"{datastoredb}\"\nSET client_min_messages TO warning;\n", 1))
PY
  # the script revokes CONNECT from the reader, which still has PUBLIC's: take that too
  psql_admin -c "REVOKE CONNECT ON DATABASE \"$1\" FROM PUBLIC; GRANT CONNECT ON DATABASE \"$1\" TO $DB_USER"
}

down() {
  if [ -f "$started_marker" ]; then
    local ver name
    read -r ver name < "$started_marker"
    log "stopping PostgreSQL $ver/$name"
    as_root pg_ctlcluster "$ver" "$name" stop || true
    rm -f "$started_marker"
  fi
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  *) die "usage: $0 up|down" ;;
esac
