#!/usr/bin/env bash
# Install the Debian packages the stack needs, only those missing. Idempotent.
source "$(dirname "$0")/common.sh"

missing=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || missing+=("$1"); }

need postgresql
need redis-server
need libpq-dev        # psycopg2 builds against it
need build-essential
need libmagic1        # python-magic
need curl
need libreoffice-calc-nogui  # the tests open exported CSV files as a spreadsheet would
# the browser tests: Debian's Chromium and its driver (no browser download),
# npm (with Node.js) for axe-core (harness/browser/package-lock.json); Node.js also runs pyright (make lint)
need chromium
need chromium-driver
need fonts-dejavu-core
command -v npm >/dev/null || need npm
command -v mvn >/dev/null || need maven
# Java 17 or newer runs Solr 9; keep whatever JDK the machine has if it is recent enough.
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
[ "${java_major:-0}" -ge 17 ] || need openjdk-17-jdk-headless
python3 -c 'import venv, ensurepip' 2>/dev/null || need python3-venv
[ -n "$(python3 -c 'import sysconfig; print(sysconfig.get_config_var("INCLUDEPY"))' 2>/dev/null)" ] \
  && [ -f "$(python3 -c 'import sysconfig; print(sysconfig.get_config_var("INCLUDEPY"))')/Python.h" ] \
  || need python3-dev

if [ ${#missing[@]} -eq 0 ]; then
  log "system packages: all present"
  exit 0
fi
log "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
