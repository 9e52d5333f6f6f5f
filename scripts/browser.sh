#!/usr/bin/env bash
# The browser's JavaScript (browser tests, accessibility benchmark): axe-core at
# the version pinned in harness/browser/package-lock.json, from the npm registry.
# Idempotent.
source "$(dirname "$0")/common.sh"

dir=$ROOT/harness/browser
lock=$dir/package-lock.json
stamp=$dir/node_modules/.installed
if [ -f "$stamp" ] && [ "$stamp" -nt "$lock" ]; then
  log "axe-core: present"
  exit 0
fi
log "installing axe-core (npm ci in harness/browser)"
(cd "$dir" && npm ci --no-audit --no-fund --silent)
touch "$stamp"
