#!/usr/bin/env bash
# Redis from Debian's packages, as our own server on 127.0.0.1:$REDIS_PORT
# (portal: database 0, tests: database 1), with its state in .state/redis.
#   redis.sh up | down
source "$(dirname "$0")/common.sh"

dir=$STATE/redis
pidfile=$dir/redis.pid

ping() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

up() {
  command -v redis-server >/dev/null || die "Redis is not installed: run scripts/system-deps.sh"
  if ping; then log "Redis already answers on 127.0.0.1:$REDIS_PORT"; return; fi
  mkdir -p "$dir"
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --daemonize yes --pidfile "$pidfile" --dir "$dir" --logfile "$dir/redis.log" \
    --save "" --appendonly no
  wait_until 20 Redis ping
}

case "${1:-up}" in
  up) up ;;
  down) stop_pidfile "$pidfile" Redis ;;
  *) die "usage: $0 up|down" ;;
esac
