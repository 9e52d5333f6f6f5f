# Sourced by the scripts in this folder: paths, logging, privilege and waiting.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${PE_STATE_DIR:-$ROOT/.state}
VENV=$ROOT/.venv
PY=$VENV/bin/python

# Ports: every service listens on 127.0.0.1 only.
PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}
SOLR_PORT=8983
CKAN_PORT=${CKAN_PORT:-5000}

# Database role and databases (portal and tests are separate).
DB_USER=ckan
DB_PASSWORD=ckan
DB_PORTAL=ckan
DB_TEST=ckan_test
# the harvesting tests run two more CKAN instances: a source catalog and a harvester
DB_HARVEST_SOURCE=ckan_harvest_source
DB_HARVEST_TARGET=ckan_harvest_target
# The DataStore (CKAN's datastore plugin): a database of its own per catalog,
# written by $DB_USER and read by a role that can only SELECT from it
# (https://docs.ckan.org/en/2.11/maintaining/datastore.html)
DB_DATASTORE_PORTAL=ckan_datastore
DB_DATASTORE_TEST=ckan_test_datastore
DB_DATASTORE_READER=datastore_ro
DB_DATASTORE_READER_PASSWORD=datastore_ro

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Root runs system commands directly; anyone else through sudo.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

# wait_until SECONDS DESCRIPTION COMMAND...: poll COMMAND every half second.
wait_until() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not come up within ${seconds}s"
    sleep 0.5
  done
}

# is_running PIDFILE: the process recorded in PIDFILE is alive.
is_running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pidfile PIDFILE NAME: stop the process we started, if it still runs.
stop_pidfile() {
  local pidfile=$1 name=$2 pid
  if is_running "$pidfile"; then
    pid=$(cat "$pidfile")
    log "stopping $name (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
}

http_ok() { curl -fs -o /dev/null --max-time 5 "$1"; }
