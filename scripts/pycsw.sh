#!/usr/bin/env bash
# The OGC CSW 2.0.2 endpoint: pycsw 2.6.2 in a virtualenv of its own, .venv-pycsw
# (requirements-pycsw.txt: pycsw 2.6.2 needs SQLAlchemy 1.x, CKAN's .venv has 2.x),
# under gunicorn on 127.0.0.1:$PYCSW_PORT (2 workers), with deploy/pycsw/wsgi.py:
#   /csw      the public catalogue (the portal proxies its /csw here)
#   /manager  CSW-T Transactions, with header X-CSW-Manager-Token = $dir/manager-token
# Its state (configurations, SQLite repository, token, pid, logs) is in $dir.
#   pycsw.sh install | up | down | status
# From the environment (tests run a second instance with their own):
#   PYCSW_STATE_DIR   default .state/pycsw
#   PYCSW_PORT        default 8001
#   PYCSW_PUBLIC_URL  what capabilities advertise; default the portal's /csw
#   PYCSW_CONTACT_EMAIL  the service's contact (configure.py has a default)
source "$(dirname "$0")/common.sh"

PYCSW_VENV=$ROOT/.venv-pycsw
PYCSW_PY=$PYCSW_VENV/bin/python
requirements=$ROOT/requirements-pycsw.txt
PYCSW_PORT=${PYCSW_PORT:-8001}
PYCSW_PUBLIC_URL=${PYCSW_PUBLIC_URL:-http://127.0.0.1:$CKAN_PORT/csw}
dir=$(realpath -m "${PYCSW_STATE_DIR:-$STATE/pycsw}")
pidfile=$dir/pycsw.pid
startfile=$dir/pycsw.started  # code_sum of the running server
logfile=$dir/gunicorn.log
base=http://127.0.0.1:$PYCSW_PORT

# the virtualenv, reinstalled when requirements-pycsw.txt changes (its hash in a stamp)
install() {
  local stamp=$PYCSW_VENV/.requirements.sha256 sum
  sum=$(sha256sum "$requirements" | cut -d' ' -f1)
  # git and ruff (`make lint` checks .) skip the folder, as in the venvs Python 3.13 makes
  [ -d "$PYCSW_VENV" ] && [ ! -f "$PYCSW_VENV/.gitignore" ] && echo '*' > "$PYCSW_VENV/.gitignore"
  [ -x "$PYCSW_PY" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ] && return
  [ -x "$PYCSW_PY" ] || { log "creating virtualenv $PYCSW_VENV"; python3 -m venv "$PYCSW_VENV"; }
  echo '*' > "$PYCSW_VENV/.gitignore"
  log "installing pycsw into $PYCSW_VENV (requirements-pycsw.txt)"
  "$PYCSW_PY" -m pip install -q --upgrade "pip>=24"
  "$PYCSW_PY" -m pip install -q -r "$requirements"
  echo "$sum" > "$stamp"
}

code_sum() {
  cat "$ROOT/deploy/pycsw/wsgi.py" "$requirements" "$dir/manager-token" 2>/dev/null | sha256sum | cut -d' ' -f1
}

answers() { http_ok "$base/csw?service=CSW&version=2.0.2&request=GetCapabilities"; }

configure() {
  local args=(--state "$dir" --port "$PYCSW_PORT" --public-url "$PYCSW_PUBLIC_URL")
  [ -n "${PYCSW_CONTACT_EMAIL:-}" ] && args+=(--contact-email "$PYCSW_CONTACT_EMAIL")
  "$PYCSW_PY" "$ROOT/deploy/pycsw/configure.py" "${args[@]}"
}

up() {
  install
  configure
  # the configurations are read on every request; the code and the token only
  # when gunicorn starts
  if is_running "$pidfile" && [ "$(cat "$startfile" 2>/dev/null)" != "$(code_sum)" ]; then
    log "pycsw's code, requirements or token changed: restarting pycsw"
    down
  fi
  if is_running "$pidfile"; then
    answers || die "pycsw (pid $(cat "$pidfile")) runs but does not answer on $base/csw: see $logfile"
    log "pycsw already answers on $base/csw"
    return
  fi
  answers && die "something else answers on $base/csw (not started from $dir): stop it or set PYCSW_PORT"
  log "starting pycsw on $base/csw and $base/manager (log: $logfile)"
  # the pid is gunicorn's master: stopping it stops its workers
  PE_CSW_PUBLIC_CFG=$dir/public.cfg PE_CSW_MANAGER_CFG=$dir/manager.cfg \
    PE_CSW_TOKEN_FILE=$dir/manager-token \
    nohup "$PYCSW_VENV/bin/gunicorn" --pythonpath "$ROOT/deploy/pycsw" \
      --bind "127.0.0.1:$PYCSW_PORT" --workers 2 --timeout 60 --graceful-timeout 20 \
      --max-requests 2000 --max-requests-jitter 200 \
      --error-logfile - --name pe-pycsw --no-control-socket \
      wsgi:application >> "$logfile" 2>&1 &
  echo $! > "$pidfile"
  code_sum > "$startfile"
  local deadline=$((SECONDS + 60))
  until answers; do
    is_running "$pidfile" || { rm -f "$pidfile"; die "pycsw exited: see $logfile"; }
    [ "$SECONDS" -lt "$deadline" ] || { down; die "pycsw did not answer within 60s: see $logfile"; }
    sleep 0.3
  done
  log "pycsw answers on $base/csw"
}

down() { stop_pidfile "$pidfile" pycsw; rm -f "$startfile"; }

status() {
  if is_running "$pidfile"; then
    if answers; then
      log "pycsw (pid $(cat "$pidfile")) answers on $base/csw; state in $dir"
    else
      log "pycsw (pid $(cat "$pidfile")) runs but does not answer on $base/csw: see $logfile"
      return 1
    fi
  else
    log "pycsw is not running (state in $dir)"
    return 3
  fi
}

case "${1:-up}" in
  install) install ;;
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: $0 install|up|down|status" ;;
esac
