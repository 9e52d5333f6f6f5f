#!/bin/sh
# Run by the official postgres image once, when its data volume is created:
# the DataStore's database (owned by ckan, the portal's user) and the role
# that may only read it. The permissions themselves are CKAN's own script,
# applied by deploy/start.sh (`ckan datastore set-permissions`).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE datastore_ro NOSUPERUSER NOCREATEDB NOCREATEROLE LOGIN PASSWORD '${DATASTORE_READONLY_PASSWORD:?set DATASTORE_READONLY_PASSWORD}';
CREATE DATABASE datastore OWNER $POSTGRES_USER ENCODING 'UTF8';
REVOKE CONNECT ON DATABASE $POSTGRES_DB FROM PUBLIC;
GRANT CONNECT ON DATABASE $POSTGRES_DB TO $POSTGRES_USER;
SQL
