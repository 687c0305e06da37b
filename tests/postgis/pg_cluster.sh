# Sourced by the PostGIS tests: a throwaway PostgreSQL 15 + PostGIS 3 cluster in a new folder
# under /tmp (short enough for a socket path, reachable by the server's user whatever the
# build folder's permissions), reached only through a Unix socket there (no TCP port).
#   pg_cluster_start       -> sets PGHOST (the socket folder), PGUSER, PG_CLUSTER_DIR; exit 77 when absent
#   pg_cluster_stop        -> stops the server and removes the folder (call it from a trap)
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` system user
# (made by Debian's postgresql-common) or, failing that, `nobody`.

PG_BIN=/usr/lib/postgresql/15/bin

pg_cluster_start() {
    if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/postgres" ]; then
        echo "SKIP: PostgreSQL 15 server not installed (tools/install-deps test: postgresql-15-postgis-3)"
        exit 77
    fi
    if [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
        echo "SKIP: PostGIS 3 not installed (tools/install-deps test: postgresql-15-postgis-3)"
        exit 77
    fi
    command -v psql >/dev/null || { echo "SKIP: psql not installed (postgresql-client)"; exit 77; }
    PG_CLUSTER_DIR=$(mktemp -d /tmp/hotspot-pg.XXXXXX) || return 1
    chmod 755 "$PG_CLUSTER_DIR"
    local as=()
    if [ "$(id -u)" -eq 0 ]; then
        local owner=postgres
        id postgres >/dev/null 2>&1 || owner=nobody
        chown "$owner" "$PG_CLUSTER_DIR"
        as=(runuser -u "$owner" --)
    fi
    PG_AS=("${as[@]}")
    "${as[@]}" "$PG_BIN/initdb" -D "$PG_CLUSTER_DIR/data" -U hotspot --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_CLUSTER_DIR/initdb.log" 2>&1 || { echo "FAIL: initdb (see $PG_CLUSTER_DIR/initdb.log)"; cat "$PG_CLUSTER_DIR/initdb.log"; return 1; }
    "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 60 \
        -o "-k $PG_CLUSTER_DIR -c listen_addresses='' -c fsync=off" start >/dev/null ||
        { echo "FAIL: the PostgreSQL server did not start"; cat "$PG_CLUSTER_DIR/server.log"; return 1; }
    export PGHOST=$PG_CLUSTER_DIR PGUSER=hotspot
    unset PGPORT PGDATABASE PGPASSWORD
}

pg_cluster_stop() {
    [ -n "${PG_CLUSTER_DIR:-}" ] || return 0
    [ -d "$PG_CLUSTER_DIR/data" ] && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1
    case "$PG_CLUSTER_DIR" in /tmp/hotspot-pg.*) rm -rf "$PG_CLUSTER_DIR" ;; esac
    return 0
}

# pg_new_database NAME: a database with the postgis extension.
pg_new_database() {
    psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $1" &&
        psql -q -v ON_ERROR_STOP=1 -d "$1" -c "CREATE EXTENSION postgis"
}
