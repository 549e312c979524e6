#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster.
#
#   scripts/with-postgres.sh make test
#
# Installs Debian's PostgreSQL if version 15 is missing (as root), creates a cluster in
# a temporary directory, starts it on 127.0.0.1 (port 55432, or the next free one),
# creates role and database `hearth` (password `hearth`, CREATEDB so pytest-django can
# create test_hearth), runs the command with DATABASE_URL exported, then always stops
# the cluster and deletes the directory. Exits with the command's exit status.
#
# With HEARTH_PG_KEEP=DIR the cluster lives in DIR instead and is kept when the command ends,
# so a database seeded once (the load test's `la` council) is there for the next run.
set -euo pipefail

PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
FIRST_PORT=${HEARTH_PG_PORT:-55432}

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

say() { echo "with-postgres: $*" >&2; }

# --- PostgreSQL 15 binaries: install Debian's packages if they are missing.
if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "PostgreSQL $PG_VERSION is not installed ($PG_BIN/initdb is missing)."
    say "Install it with:  sudo apt-get install postgresql postgresql-contrib"
    exit 1
  fi
  say "installing PostgreSQL from Debian..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  if [ ! -x "$PG_BIN/initdb" ]; then
    say "apt-get installed PostgreSQL but not version $PG_VERSION ($PG_BIN is missing)."
    say "found: $(ls /usr/lib/postgresql 2>/dev/null | tr '\n' ' ')"
    exit 1
  fi
fi

# --- PostgreSQL refuses to run as root: as root, run the server as the `postgres` user.
if [ "$(id -u)" -eq 0 ]; then
  if ! id -u postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hearth-pg.XXXXXX")
DATA=$WORK/data
FRESH=1
if [ -n "${HEARTH_PG_KEEP:-}" ]; then
  mkdir -p "$HEARTH_PG_KEEP"
  DATA=$(cd "$HEARTH_PG_KEEP" && pwd)/data
  [ -f "$DATA/PG_VERSION" ] && FRESH=
fi
SOCKETS=$WORK/sockets
LOG=$WORK/server.log
STARTED=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$STARTED" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$SOCKETS"
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres: "$WORK"
  if [ -n "${HEARTH_PG_KEEP:-}" ]; then chown postgres: "$HEARTH_PG_KEEP"; fi
fi
chmod 700 "$WORK"

[ -z "$FRESH" ] || as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --encoding=UTF8 --no-locale >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; say "initdb failed"; exit 1; }

# A port in use by another server (or another run of this script) makes pg_ctl fail;
# try the next one. Durability settings are off: the cluster is thrown away.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=
for port in $(seq "$FIRST_PORT" $((FIRST_PORT + 49))); do
  if port_in_use "$port"; then
    continue
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $SOCKETS -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null 2>&1; then
    PORT=$port
    STARTED=1
    break
  fi
  if [ -f "$DATA/postmaster.pid" ]; then  # started but pg_ctl timed out waiting: stop it
    STARTED=1
    cat "$LOG" >&2 || true
    say "PostgreSQL did not become ready on port $port"
    exit 1
  fi
done
if [ -z "$PORT" ]; then
  cat "$LOG" >&2 2>/dev/null || true
  say "could not start PostgreSQL on any port from $FIRST_PORT"
  exit 1
fi

[ -z "$FRESH" ] || as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKETS" -p "$PORT" -U postgres -d postgres \
  -c "CREATE ROLE hearth LOGIN PASSWORD 'hearth' CREATEDB" \
  -c "CREATE DATABASE hearth OWNER hearth" >/dev/null

export DATABASE_URL="postgres://hearth:hearth@127.0.0.1:$PORT/hearth"
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT; running: $*"

set +e
"$@"
status=$?
set -e
exit "$status"
