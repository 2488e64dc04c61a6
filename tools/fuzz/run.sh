#!/usr/bin/env bash
# Fuzz the HTTP API with schemathesis against a service of its own.
#
#   tools/fuzz/run.sh [--max-time SECONDS] [more schemathesis run options...]
#
# 1. A Python venv in tools/fuzz/.venv with schemathesis (pinned below) from PyPI, made once.
# 2. The service as `npm start` runs it (demo region, first admin, matching), on free ports with a
#    throwaway Neo4j store and token files in a temporary folder, in a process group of its own.
# 3. `schemathesis run` on /openapi.json with the admin's bearer token: every check, the examples,
#    coverage, fuzzing and stateful phases (links inferred from Location headers and from how
#    operations depend on each other), for --max-time seconds (600 by default). Check settings and
#    the reasons for them are in tools/fuzz/schemathesis.toml.
# 4. Reports under tools/fuzz/reports/ (JUnit XML, the JSON run report, the console output, the service's log) and a summary:
#    operations, test cases, failures by check. The service is stopped on any exit.
# Exit status: schemathesis's (non-zero when it found failures), or 2 when the service did not start.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"
REPORTS="$HERE/reports"

max_time=600
passthrough=()
while (($#)); do
  case "$1" in
    --max-time) max_time="$2"; shift 2 ;;
    --max-time=*) max_time="${1#*=}"; shift ;;
    *) passthrough+=("$1"); shift ;;
  esac
done

log() { printf '[fuzz] %s\n' "$*" >&2; }

# ---- schemathesis ----------------------------------------------------------------------------
if [[ "$("$VENV/bin/schemathesis" --version 2>/dev/null || true)" != *"$SCHEMATHESIS_VERSION"* ]]; then
  log "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# ---- the service -----------------------------------------------------------------------------
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
work="$(mktemp -d "${TMPDIR:-/tmp}/symbiosis-fuzz.XXXXXX")"
port="$(free_port)"
bolt_port="$(free_port)"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
run_dir="$REPORTS/$stamp"
mkdir -p "$run_dir"
service_pid=""

stop_service() {
  if [[ -n "$service_pid" ]] && kill -0 "$service_pid" 2>/dev/null; then
    log "stopping the service (process group $service_pid)"
    kill -TERM -- "-$service_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$service_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$service_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_service EXIT
trap 'exit 130' INT TERM

log "starting the service on 127.0.0.1:$port (Neo4j store in $work, log in $run_dir/service.log)"
# Imports and match runs are limited to 30 a minute per caller: a fuzzer sends that many in
# seconds and would then test only the 429 answer, so the limits are raised for this run.
(
  cd "$ROOT"
  exec setsid env \
    PORT="$port" HOST=127.0.0.1 \
    NEO4J_DATA_DIR="$work/neo4j" NEO4J_EMBEDDED_PORT="$bolt_port" \
    ADMIN_TOKEN_FILE="$work/admin-token" DEMO_TOKENS_FILE="$work/demo-tokens.json" \
    RATE_LIMIT_WRITES=1000000 RATE_LIMIT_EXPENSIVE=1000000 \
    LOG_LEVEL="${LOG_LEVEL:-warn}" \
    npm start --silent
) >"$run_dir/service.log" 2>&1 &
service_pid=$!

base="http://127.0.0.1:$port"
for i in $(seq 1 600); do
  if curl -fsS "$base/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$service_pid" 2>/dev/null; then
    log "the service stopped before it was ready; its log:"
    tail -n 40 "$run_dir/service.log" >&2
    exit 2
  fi
  if ((i == 600)); then
    log "the service was not ready after 300 s"
    exit 2
  fi
  sleep 0.5
done
export SYMBIOSIS_FUZZ_TOKEN
SYMBIOSIS_FUZZ_TOKEN="$(tr -d '[:space:]' <"$work/admin-token")"
log "ready; fuzzing $base/openapi.json for at most ${max_time} s"

# ---- schemathesis run --------------------------------------------------------------------------
set +e
(
  cd "$HERE"
  "$VENV/bin/schemathesis" --config-file "$HERE/schemathesis.toml" run "$base/openapi.json" \
    --max-time "$max_time" \
    --phases examples,coverage,fuzzing,stateful \
    --report junit,json \
    --report-dir "$run_dir" \
    "${passthrough[@]}"
) 2>&1 | tee "$run_dir/schemathesis.txt"
status=${PIPESTATUS[0]}
set -e

# ---- summary -----------------------------------------------------------------------------------
"$VENV/bin/python" "$HERE/summary.py" "$run_dir" || true
log "reports in $run_dir"
exit "$status"
