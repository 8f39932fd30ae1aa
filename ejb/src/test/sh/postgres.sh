#!/bin/sh
# A throw-away PostgreSQL server for the integration tests that run the domain on PostgreSQL.
#   postgres.sh start PORT   - install Debian's postgresql when missing, create a fresh cluster in
#                              /tmp/twofold-pg-PORT listening on 127.0.0.1:PORT, and a database
#                              "twofold" owned by the role "twofold" (trust authentication, loopback only)
#   postgres.sh stop PORT    - stop that server and delete its cluster
# PostgreSQL refuses to run as root, so as root the server runs as the "postgres" account that the
# Debian package creates.
set -eu
action=$1
port=$2
dir=/tmp/twofold-pg-$port

bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $action in
start)
    if [ -z "$(bin)" ] || [ ! -x "$(bin)/initdb" ]; then
        "$(dirname "$0")/../../../../.ci/ensure-packages" postgresql
    fi
    BIN=$(bin)
    if [ -f "$dir/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$dir" stop -m immediate >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$BIN/initdb" -D "$dir" -U twofold -A trust -E UTF8 --no-sync >/dev/null
    as_owner "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$port" -U twofold -O twofold twofold
    echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port"
    ;;
stop)
    BIN=$(bin)
    if [ -n "$BIN" ] && [ -f "$dir/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$dir" stop -m fast >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: postgres.sh start|stop PORT" >&2
    exit 2
    ;;
esac
