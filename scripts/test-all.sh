#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what is missing (PostgreSQL
# server and Chromium from Debian, as root), then runs
#   1. type checks of every package (beside them, in the background: the builds and the browser
#      suites' demo counties),
#   2. unit tests,
#   3. API integration tests against embedded PGlite, and at the same time (one core each)
#   4. the same API tests against a temporary PostgreSQL server on a free loopback port;
#      and a primary + hot standby pair for the read-replica test,
#   5. browser end-to-end tests (playwright-core driving /usr/bin/chromium), started as soon as the
#      PostgreSQL side is done, beside the end of the PGlite suite,
#   6. a smoke run of the benchmark harness.
# With CI=true a missing component is an error; nothing is skipped silently.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export TJ_TEST_ROOT="$ROOT"

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

find_pg_bin() {
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

need_apt=()
[ -n "$(find_pg_bin || true)" ] || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# Chinese glyphs for the browser tests' screenshots.
fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk' || need_apt+=(fonts-wqy-microhei)
# pdftoppm and pdftotext: the documents' API test renders each PDF to PNG and reads its text.
{ command -v pdftoppm && command -v pdftotext && command -v pdffonts; } >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]} (apt-get)"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing ${need_apt[*]} and not root: install them with apt-get" >&2
    exit 1
  fi
fi
PG_BIN=$(find_pg_bin)
[ -n "$PG_BIN" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "Chromium not found at /usr/bin/chromium" >&2; exit 1; }

[ -d node_modules ] || npm ci

RESULTS="$ROOT/test-results"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/*-server.log "$RESULTS"/retried.log "$RESULTS"/prepare.log "$RESULTS"/.built

run_vitest() { # name, project, extra args...
  local name=$1 project=$2; shift 2
  log "$name"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile="$RESULTS/$name.json" "$@"
}

# Beside the type check, which keeps one core busy: the builds (what `npm start` runs), then the demo county
# of each browser suite's server (tests/e2e/warm-demo.ts), so that no browser suite waits for one to be generated.
log "building the web client and the server bundle, then the browser suites' demo counties (in the background)"
# In a process group of its own (setsid), so that a failure before it is done stops all of it, the servers it starts too.
RESULTS="$RESULTS" setsid bash -c 'npm run build -w @tuanjian/web && npm run build -w @tuanjian/server && touch "$RESULTS/.built" \
  && E2E_SERVER_BUNDLE=1 npx tsx tests/e2e/warm-demo.ts' > "$RESULTS/prepare.log" 2>&1 &
PREPARE_PID=$!
stop_prepare() { kill -- "-$PREPARE_PID" 2>/dev/null || true; }
trap stop_prepare EXIT

log "type check"
npx tsc -p packages/domain
npx tsc -p packages/server
npx tsc -p packages/web

run_vitest unit unit

# --- PostgreSQL: a throwaway cluster owned by the postgres user, on a free port.
PGTMP=$(mktemp -d /tmp/tj-pg-XXXXXX)
PGPORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$PGTMP"; fi
cleanup() {
  stop_prepare
  as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT
log "starting PostgreSQL on 127.0.0.1:$PGPORT"
as_pg "$PG_BIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/pg.log" -w \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
# The two API suites are independent (each test file makes its own copy of a template database,
# packages/server/test/test-database.ts): run them side by side, one core each; the PGlite suite's
# output is printed when both are done.
log "API suites: PGlite and PostgreSQL side by side"
run_vitest api-pglite api > "$RESULTS/api-pglite.log" 2>&1 &
PGLITE_PID=$!
set +e
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
run_vitest api-postgres api
PG_STATUS=$?
unset TEST_DATABASE_URL
export PG_BIN
# The PostgreSQL suite ends first (by about five minutes): while the PGlite one still runs, its core
# runs the replication test, the national tier and then the browser suite, which starts
# without waiting for the PGlite suite (none of them uses the API tests' databases).
run_vitest replication replication
REPLICATION_STATUS=$?
wait "$PREPARE_PID"
PREPARE_STATUS=$?
log "the builds and the browser suites' demo counties (done in the background)"
# The whole log when something failed (a browser suite whose demo county was not generated generates its own).
if [ "$PREPARE_STATUS" = 0 ]; then grep '^demo county' "$RESULTS/prepare.log"; else cat "$RESULTS/prepare.log"; fi
BUILD_STATUS=1
[ -f "$RESULTS/.built" ] && BUILD_STATUS=0
run_vitest national national
NATIONAL_STATUS=$?
E2E_STATUS=1
if [ "$BUILD_STATUS" = 0 ]; then
  E2E_SERVER_BUNDLE=1 run_vitest e2e e2e
  E2E_STATUS=$?
fi
wait "$PGLITE_PID"
PGLITE_STATUS=$?
set -e
log "api-pglite (output)"
cat "$RESULTS/api-pglite.log"
FAILED=()
[ "$PG_STATUS" = 0 ] && [ "$PGLITE_STATUS" = 0 ] || FAILED+=("API suite (PGlite: $PGLITE_STATUS, PostgreSQL: $PG_STATUS)")
[ "$REPLICATION_STATUS" = 0 ] || FAILED+=("replication test")
[ "$BUILD_STATUS" = 0 ] || FAILED+=("build")
[ "$NATIONAL_STATUS" = 0 ] || FAILED+=("national tier test")
[ "$E2E_STATUS" = 0 ] || FAILED+=("browser suite (e2e)")
if [ ${#FAILED[@]} -gt 0 ]; then
  # The failed tests and their messages last, where a page showing only the end of the output sees them.
  node scripts/summarize-results.mjs "$RESULTS" || true
  printf 'failed: %s\n' "${FAILED[@]}" >&2
  exit 1
fi

log "benchmark harness (smoke)"
npm run bench -- --smoke

# The Dockerfile is built only where a container engine answers (docker info); this machine has the
# docker client without a daemon, and no container registry to pull the node base image from.
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  log "container image (Dockerfile)"
  docker build -q -t tuanjian-ci . >/dev/null
else
  log "container image: no container engine answers (docker info), Dockerfile not built"
fi

node scripts/summarize-results.mjs "$RESULTS"
