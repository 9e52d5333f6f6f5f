#!/usr/bin/env bash
# PostgreSQL from Debian's packages, as a system cluster on 127.0.0.1:$PG_PORT.
#   postgres.sh up     start the cluster (creating it if the machine has none),
#                      ensure the ckan role and the portal and test databases
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
