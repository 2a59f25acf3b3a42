#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a new cluster in a temporary folder, listening on a
# free loopback port only, trusted local connections (nothing else can reach it), stopped and
# removed afterwards. Used by .ci/run and by the tests' global set-up when no server is given.
#
#   tools/test-postgres.sh start DIR   # DIR: a new folder the server's user can reach; prints postgres://postgres@127.0.0.1:PORT/postgres
#   tools/test-postgres.sh stop DIR    # stops the server and removes DIR
#
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (which
# Debian's postgresql package creates), and DIR is handed to that user.
set -euo pipefail

command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
    echo "$newest"
    return
  fi
  echo "PostgreSQL's server programs (initdb, pg_ctl) are not installed: apt-get install postgresql" >&2
  exit 3
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    bin="$(bindir)"
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
      echo "Running as root, but there is no postgres user to run the server as (Debian's postgresql package makes it)." >&2
      exit 3
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = "0" ]; then
      chown postgres "$dir"
      if ! runuser -u postgres -- test -w "$dir"; then
        echo "The postgres user cannot reach $dir: use a folder under a world-readable parent, such as one from mktemp -d -p /tmp." >&2
        exit 3
      fi
    fi
    port="$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
    # Loopback only, sockets in DIR, no fsync (a test server: speed over durability).
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || {
      cat "$dir/server.log" >&2
      exit 1
    }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      bin="$(bindir)"
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
