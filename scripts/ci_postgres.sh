#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests and print the admin URL they use.
# Installs Debian's postgresql package when the machine lacks it (CI starts from a clean machine).
set -euo pipefail
PORT="${CLAIMSCOPE_PG_PORT:-55432}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
DATA="$(mktemp -d /tmp/claimscope-pg.XXXXXX)"
# initdb refuses to run as root: the server runs as the postgres system user, in its own directory
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$DATA" postgres
  chown postgres "$DATA"
  RUN=(su postgres -s /bin/sh -c)
else
  RUN=(sh -c)
fi
"${RUN[@]}" "$PGBIN/initdb -D $DATA/db -A trust -U postgres" >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl -D $DATA/db -l $DATA/log -w -o '-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
