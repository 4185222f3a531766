#!/usr/bin/env bash
# Point-in-time recovery drill for PostgreSQL (docs/deploy.md, "Point-in-time recovery"): a throwaway
# cluster on loopback with WAL archiving (archive_command), a base backup (pg_basebackup), rows
# written after it, an "accident" after a noted time, then a restore of the base backup replaying the
# archived WAL up to that time (restore_command, recovery_target_time). The rows written before the
# time must be there, the accident must not. Prints each step's time. Nothing is left behind.
#   bash scripts/pitr-drill.sh            (needs PostgreSQL's server programs, e.g. Debian's postgresql-15)
set -euo pipefail
PG_BIN="${PG_BIN:-$(for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && echo "$d"; done | sort -V | tail -1)}"
[ -x "$PG_BIN/pg_basebackup" ] || { echo "PostgreSQL's programs not found (set PG_BIN)"; exit 1; }
WORK="$(mktemp -d /tmp/tj-pitr-XXXXXX)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
PORT="$(free_port)"
PORT2="$(free_port)"
cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/restored" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ms() { date +%s%3N; }
step() { local now; now=$(ms); printf '%-58s %6d ms\n' "$1" $((now - T)); T=$now; }
psql_at() { as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1 -c "$2"; }
T=$(ms)

# 1. The production side: WAL archived to a directory (on a real server: another disk or machine).
as_pg mkdir -p "$WORK/wal-archive"
as_pg "$PG_BIN/initdb" -D "$WORK/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$WORK/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$WORK'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $WORK/wal-archive/%f && cp %p $WORK/wal-archive/%f'
archive_timeout = 60
EOF
as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start >/dev/null
step "cluster with WAL archiving started (port $PORT)"
psql_at "$PORT" "create table members (id serial primary key, name text not null, written_at timestamptz default clock_timestamp());
  insert into members (name) select '团员' || g from generate_series(1, 10000) g;"
step "10,000 rows written"

# 2. The nightly base backup (tar, compressed; the WAL it needs is in the archive).
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$WORK/base" -Ft -z -X none -c fast
step "pg_basebackup -Ft -z ($(du -sh "$WORK/base" | cut -f1))"

# 3. Work after the base backup, the moment to recover to, then the accident.
psql_at "$PORT" "insert into members (name) values ('基础备份之后登记的团员');"
TARGET="$(psql_at "$PORT" "select clock_timestamp()")"
sleep 1
psql_at "$PORT" "delete from members where id <= 5000;"
psql_at "$PORT" "select pg_switch_wal();" >/dev/null
# Wait until the segment holding the accident is archived (pg_stat_archiver).
for _ in $(seq 1 100); do
  [ "$(psql_at "$PORT" "select coalesce(last_failed_time < last_archived_time, true) and last_archived_wal is not null from pg_stat_archiver")" = t ] && break
  sleep 0.1
done
step "a row after the backup; target time $TARGET; 5,000 rows deleted"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null
step "production stopped ($(ls "$WORK/wal-archive" | wc -l) WAL files archived)"

# 4. Restore: the base backup into an empty directory, replay the archive up to the target time.
as_pg mkdir -m 700 "$WORK/restored"
as_pg tar -xzf "$WORK/base/base.tar.gz" -C "$WORK/restored"
cat >>"$WORK/restored/postgresql.conf" <<EOF
port = $PORT2
restore_command = 'cp $WORK/wal-archive/%f %p'
recovery_target_time = '$TARGET'
recovery_target_action = 'promote'
archive_mode = off
EOF
as_pg touch "$WORK/restored/recovery.signal"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/restored" -l "$WORK/restored.log" -w -t 120 start >/dev/null
for _ in $(seq 1 200); do [ "$(psql_at "$PORT2" "select pg_is_in_recovery()")" = f ] && break; sleep 0.1; done
step "restored to $TARGET and promoted (port $PORT2)"

COUNT="$(psql_at "$PORT2" "select count(*) from members")"
AFTER="$(psql_at "$PORT2" "select count(*) from members where name = '基础备份之后登记的团员'")"
echo "rows after recovery: $COUNT (expected 10001), the row written after the base backup: $AFTER (expected 1)"
grep -E "recovery stopping|last completed transaction" "$WORK/restored.log" | sed 's/^/  log: /' || true
[ "$COUNT" = 10001 ] && [ "$AFTER" = 1 ] || { echo "PITR drill FAILED"; exit 1; }
echo "PITR drill passed"
