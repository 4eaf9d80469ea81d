#!/bin/bash
# Throwaway PostgreSQL 15 cluster on a free loopback port for the catalog tests.
#   pg-fixture.sh start DIR   creates the cluster, a password-authenticated role and the test schema, then
#                             writes DIR/pg.env (FERRY_PG_HOST, _PORT, _USER, _PASSWORD, _DB, and an ODBC
#                             DSN in DIR/odbc.ini) for the tests to read.
#   pg-fixture.sh stop DIR    stops the cluster and removes its data directory.
# Debian's postgres refuses to run as root, so as root the server runs as the `postgres` OS user; its data
# lives under /tmp because that user may not be able to enter DIR's parents.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi
bin=${FERRY_PG_BIN:-/usr/lib/postgresql/15/bin}
here=$(cd "$(dirname "$0")" && pwd)

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_cluster() {
    [[ -f "$dir/pg.env" ]] || return 0
    # shellcheck disable=SC1091
    source "$dir/pg.env"
    if [[ -n "${FERRY_PG_DATA:-}" && -d "$FERRY_PG_DATA" ]]; then
        as_owner "$bin/pg_ctl" -D "$FERRY_PG_DATA/data" -m immediate -t 20 stop >/dev/null 2>&1 || true
        rm -rf "$FERRY_PG_DATA"
    fi
    rm -f "$dir/pg.env" "$dir/odbc.ini" "$dir/odbcinst.ini"
}

case "$cmd" in
stop)
    stop_cluster
    exit 0
    ;;
start) ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac

if [[ ! -x "$bin/initdb" ]]; then
    echo "pg-fixture: $bin/initdb not found; install Debian's postgresql-15 (packaging/install-deps.sh)" >&2
    exit 1
fi
mkdir -p "$dir"
stop_cluster # a cluster left over by an interrupted run

data=$(mktemp -d /tmp/ferry-pg.XXXXXX)
chmod 755 "$data"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password="ferry-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
user=ferry_test
db=chinook

cat >"$dir/pg.env" <<ENV
FERRY_PG_HOST=127.0.0.1
FERRY_PG_PORT=$port
FERRY_PG_USER=$user
FERRY_PG_PASSWORD=$password
FERRY_PG_DB=$db
FERRY_PG_DATA=$data
ENV

as_owner "$bin/initdb" -D "$data/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 || {
    cat "$data/initdb.log" >&2
    exit 1
}
as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off" start \
    >/dev/null || {
    cat "$data/server.log" >&2
    exit 1
}

psql_admin() { as_owner psql -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres "$@"; }
psql_admin -d postgres -c "CREATE ROLE $user LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE $db OWNER $user"
PGPASSWORD=$password psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$user" -d "$db" \
    -f "$here/schema.sql" >/dev/null
# Estimated row counts (pg_class.reltuples) exist only once a table was analyzed.
# A table the test role may see but not read: discovery reports it and still describes the rest.
psql_admin -d "$db" -c "CREATE TABLE public.payroll (id integer PRIMARY KEY, amount numeric(12, 2))" \
    -c "REVOKE ALL ON public.payroll FROM PUBLIC"
psql_admin -d "$db" -c "ANALYZE"

# A DSN for the ODBC tests (psqlODBC from Debian's odbc-postgresql); tests point ODBCINI/ODBCSYSINI here.
cat >"$dir/odbc.ini" <<INI
[ferry_pg]
Driver=PostgreSQL Unicode
Servername=127.0.0.1
Port=$port
Database=$db
INI
cat >"$dir/odbcinst.ini" <<INI
[PostgreSQL Unicode]
Description=PostgreSQL ODBC driver (Unicode version)
Driver=${FERRY_PSQLODBC:-/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so}
INI
echo "pg-fixture: PostgreSQL listening on 127.0.0.1:$port (data in $data)"
