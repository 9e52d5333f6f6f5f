#!/usr/bin/env bash
# Create .venv and install the suite (editable) with the locked requirements.
source "$(dirname "$0")/common.sh"

[ -x "$PY" ] || { log "creating virtualenv $VENV"; python3 -m venv "$VENV"; }
"$PY" -m pip install -q --upgrade "pip>=24" "setuptools>=69" wheel
log "installing requirements and the suite"
"$PY" -m pip install -q -r "$ROOT/requirements.txt"
"$PY" -m pip install -q --no-deps -e "$ROOT"
# data.gov's data.json harvester, which the harvesting tests run against
# /data.json. Its release pins jsonschema~=2.4.0 (2014), which does not import
# on Python 3.11; it runs with the jsonschema 4 above, so it is installed
# without its pins (its other dependencies are in requirements.txt).
"$PY" -m pip install -q --no-deps ckanext-datajson==0.1.29
