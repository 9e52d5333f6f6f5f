#!/usr/bin/env bash
# Create .venv and install the suite (editable) with the locked requirements.
source "$(dirname "$0")/common.sh"

[ -x "$PY" ] || { log "creating virtualenv $VENV"; python3 -m venv "$VENV"; }
"$PY" -m pip install -q --upgrade "pip>=24" "setuptools>=69" wheel
log "installing requirements and the suite"
"$PY" -m pip install -q -r "$ROOT/requirements.txt"
"$PY" -m pip install -q --no-deps -e "$ROOT"
