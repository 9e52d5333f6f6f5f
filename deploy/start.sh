#!/bin/sh
# Entry point of the portal's image: write $CKAN_INI from the environment, bring
# the database schema up to date, apply the DataStore's permissions, load the
# organizations (and the sample catalog unless PE_SAMPLE=no), give
# ckanext-xloader its API token, then run the command (gunicorn, or the job
# worker).
#
# The ini uses the suite's own settings (config/suite.ini, as `make demo`) and
# adds, from the environment:
#   - CKAN's own variables, which CKAN reads itself: CKAN_SQLALCHEMY_URL,
#     CKAN_SOLR_URL, CKAN_REDIS_URL, CKAN_SITE_URL, CKAN_STORAGE_PATH, ...
#   - any setting as CKAN__X__Y=value -> ckan.x.y, CKANEXT__X__Y -> ckanext.x.y
#     (ckanext-envvars' naming);
#   - the secrets, CKAN_SECRET_KEY and CKAN_JWT_SECRET (required).
set -eu
: "${CKAN_SECRET_KEY:?set CKAN_SECRET_KEY}"
: "${CKAN_JWT_SECRET:?set CKAN_JWT_SECRET}"

python3 - <<'PY'
import os

lines = [
    "[app:main]",
    "use = config:/srv/app/pe-catalog/config/suite.ini",
    f"SECRET_KEY = {os.environ['CKAN_SECRET_KEY']}",
    f"api_token.jwt.encode.secret = string:{os.environ['CKAN_JWT_SECRET']}",
    f"api_token.jwt.decode.secret = string:{os.environ['CKAN_JWT_SECRET']}",
]
for name, value in sorted(os.environ.items()):
    if name.startswith(("CKAN__", "CKANEXT__")):
        lines.append(f"{name.lower().replace('__', '.')} = {value}")
lines += [
    "[loggers]", "keys = root, ckan, ckanext",
    "[handlers]", "keys = console",
    "[formatters]", "keys = generic",
    "[logger_root]", "level = WARNING", "handlers = console",
    "[logger_ckan]", "level = INFO", "handlers = console", "qualname = ckan", "propagate = 0",
    "[logger_ckanext]", "level = INFO", "handlers = console", "qualname = ckanext",
    "propagate = 0",
    "[handler_console]", "class = StreamHandler", "args = (sys.stderr,)", "level = NOTSET",
    "formatter = generic",
    "[formatter_generic]", "format = %(asctime)s %(levelname)-5.5s [%(name)s] %(message)s",
]
with open(os.environ["CKAN_INI"], "w") as ini:
    ini.write("\n".join(lines) + "\n")
PY

if [ "${PE_INIT:-yes}" = yes ]; then
  ckan -c "$CKAN_INI" db upgrade
  # CKAN's own permission script, run as the database owner (a superuser in the
  # official postgres image), in the DataStore's database
  ckan -c "$CKAN_INI" datastore set-permissions | python3 -c '
import os, sys, psycopg2
sql = "".join(line for line in sys.stdin if not line.startswith("\\connect"))
with psycopg2.connect(os.environ["CKAN_DATASTORE_WRITE_URL"]) as connection:
    connection.cursor().execute(sql)
'
  if [ "${PE_SAMPLE:-yes}" = yes ]; then sample=--sample; else sample=--no-sample; fi
  ckan -c "$CKAN_INI" pe-catalog seed $sample ${DEMO_ADMIN:+--admin "$DEMO_ADMIN"}
fi

# xloader calls the API as the site's sysadmin: one token, kept in the shared
# storage volume while it stays valid (the web and worker containers read it)
token_file="${CKAN_STORAGE_PATH:-/var/lib/ckan}/.xloader-api-token"
token=$(ckan -c "$CKAN_INI" pe-catalog service-token --keep "$(cat "$token_file" 2>/dev/null || true)")
(umask 077 && printf '%s' "$token" > "$token_file")
XLOADER_API_TOKEN=$token python3 - <<'PY'
import os

path = os.environ["CKAN_INI"]
text = open(path).read()
line = f"ckanext.xloader.api_token = {os.environ['XLOADER_API_TOKEN']}\n"
open(path, "w").write(text.replace("[loggers]", line + "[loggers]", 1))
PY
exec "$@"
