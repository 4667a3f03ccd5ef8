#!/usr/bin/env bash
# Operates the Smart Assistant suite: start, stop, inspect, build, migrate and test it.
# `./manage.sh help` lists the commands. With a reachable Docker engine it drives docker compose;
# without one it runs the five services as local Java processes (pids and logs under .run/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

readonly VERSION="0.1.0-SNAPSHOT"
readonly RUN_DIR="$ROOT/.run"
readonly LOG_DIR="$RUN_DIR/logs"
readonly DATA_DIR="$RUN_DIR/data"
readonly DEVINFRA_PID="$RUN_DIR/devinfra.pid"
readonly DEVINFRA_READY="$RUN_DIR/devinfra.ready"
readonly DEVINFRA_CLASSPATH="$RUN_DIR/devinfra.classpath"
readonly DEVINFRA_MAIN="org.smartassistant.testsupport.devinfra.EmbeddedInfrastructureMain"
readonly MIGRATIONS="rest-service/src/main/resources/db/migration"
# Start order: rest-service first (the others call it), then the rest.
readonly SERVICES=(rest-service calendar-service assistant tg-bot cron-service)
readonly MODULES=(common test-support "${SERVICES[@]}" e2e)

# ---------------------------------------------------------------------------------------------
# output

info() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

usage() {
  cat <<'EOF'
Usage: ./manage.sh <command> [options]

  start   [--service S]   start the suite (or one service) and wait until it is ready
  stop    [--service S]   stop the suite (or one service): SIGTERM, wait, SIGKILL as a last resort
  restart [--service S]   stop, then start
  status                  each service's pid, port and readiness; PostgreSQL and Redis
  logs    [S]             the service's log (all logs without S); follows when run in a terminal
  rebuild --service S     rebuild S's jar (or image) and restart it if it was running
  migrate "name"          create the next Flyway migration file in rest-service
  upgrade                 rebuild rest-service and apply pending migrations to the configured database
  seed                    load the seed data (a secretary with the standard tools, one sub-assistant)
  admin-password          read the admin UI's password from stdin, write its hash (ADMIN_PASSWORD_HASH)
                          into .env; restart rest-service to apply it
  test    [--service S]   run the tests (all modules, or one module); --in-docker uses docker-compose.test.yml
          --compose       the compose check: the real images and docker-compose.yml, with fakes
  bench [--llm-latency MS] [--quick]
                          conversation benchmark with the fakes; prints a table (--quick: < 2 min)
  help                    this text

Services: rest-service calendar-service assistant tg-bot cron-service
Configuration: .env (see .env.example); variables already exported in the shell win over .env.
MANAGE_MODE=local|docker forces the mode (default: docker when `docker info` succeeds).
EOF
}

# ---------------------------------------------------------------------------------------------
# configuration

# Reads .env as defaults: a variable already exported in the shell wins. KEY=VALUE lines only
# (optional `export `, optional surrounding quotes); the file is parsed, never executed.
load_env() {
  [[ -f .env ]] || return 0
  local line key value number=0
  while IFS= read -r line || [[ -n $line ]]; do
    number=$((number + 1))
    line="${line%$'\r'}"
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    line="${line#export }"
    if [[ ! $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      warn ".env line $number is not KEY=VALUE; ignored"
      continue
    fi
    key="${BASH_REMATCH[1]}"
    value="${BASH_REMATCH[2]}"
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
      value="${BASH_REMATCH[1]}"
    fi
    if [[ -z ${!key+set} ]]; then
      export "$key=$value"
    fi
  done <.env
}

apply_defaults() {
  export DATABASE_URL="${DATABASE_URL:-jdbc:postgresql://localhost:5432/smart_assistant}"
  export DATABASE_USER="${DATABASE_USER:-postgres}"
  export DATABASE_PASSWORD="${DATABASE_PASSWORD:-}"
  export REDIS_URL="${REDIS_URL:-redis://localhost:6379}"
  export REST_SERVICE_PORT="${REST_SERVICE_PORT:-8000}"
  export CALENDAR_SERVICE_PORT="${CALENDAR_SERVICE_PORT:-8001}"
  export ASSISTANT_PORT="${ASSISTANT_PORT:-8010}"
  export TG_BOT_PORT="${TG_BOT_PORT:-8020}"
  export CRON_SERVICE_PORT="${CRON_SERVICE_PORT:-8030}"
  # the services listen on loopback unless told otherwise (docs/security.md)
  export BIND_ADDRESS="${BIND_ADDRESS:-127.0.0.1}"
  export REST_SERVICE_URL="${REST_SERVICE_URL:-http://localhost:$REST_SERVICE_PORT}"
  export CALENDAR_SERVICE_URL="${CALENDAR_SERVICE_URL:-http://localhost:$CALENDAR_SERVICE_PORT}"
  # whose readiness the admin UI's overview shows
  export ASSISTANT_URL="${ASSISTANT_URL:-http://localhost:$ASSISTANT_PORT}"
  export TG_BOT_URL="${TG_BOT_URL:-http://localhost:$TG_BOT_PORT}"
  export CRON_SERVICE_URL="${CRON_SERVICE_URL:-http://localhost:$CRON_SERVICE_PORT}"
  STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-180}"
  STOP_TIMEOUT="${STOP_TIMEOUT:-30}"
  # jvm.options holds every service's JVM options (bin/run-service adds jvm.<service>.options, a
  # service's own); SERVICE_JAVA_OPTS adds to or overrides them
  SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:-}"
  EMBEDDED_INFRA="${EMBEDDED_INFRA:-auto}"
}

# Writes a setting (a generated secret, a chosen image) into .env, replacing the KEY= line or
# appending one, and exports it. The value is never printed.
store_env() {
  local key=$1 value=$2
  (umask 077 && touch .env)
  chmod 600 .env
  if grep -qE "^(export )?$key=" .env; then
    sed -i -E "s|^(export )?$key=.*$|$key=$value|" .env
  else
    printf '%s=%s\n' "$key" "$value" >>.env
  fi
  export "$key=$value"
}

ensure_secrets() {
  if [[ -f .env && -n $(find .env -perm /077 2>/dev/null) ]]; then
    chmod 600 .env
    info ".env was readable by other users: its mode is now 600"
  fi
  if [[ -z ${INTERNAL_TOKEN:-} ]]; then
    store_env INTERNAL_TOKEN "$(random_hex 32)"
    info "generated a random INTERNAL_TOKEN into .env (not shown)"
  fi
  ((${#INTERNAL_TOKEN} >= 32)) ||
    die "INTERNAL_TOKEN in .env (or the shell) is shorter than 32 characters; delete the line and ./manage.sh start generates a strong one"
  if [[ -z ${CREDENTIALS_ENCRYPTION_KEY:-} ]]; then
    store_env CREDENTIALS_ENCRYPTION_KEY "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
    info "generated a random CREDENTIALS_ENCRYPTION_KEY into .env (not shown; keep it: it decrypts stored calendar tokens)"
  fi
}

# docker compose runs its own PostgreSQL and Redis: both get a generated password (no default).
ensure_container_secrets() {
  if [[ -z ${DATABASE_PASSWORD:-} ]]; then
    store_env DATABASE_PASSWORD "$(random_hex 24)"
    info "generated a random DATABASE_PASSWORD into .env for the postgres container (not shown)"
  fi
  if [[ -z ${REDIS_PASSWORD:-} ]]; then
    store_env REDIS_PASSWORD "$(random_hex 24)"
    info "generated a random REDIS_PASSWORD into .env for the redis container (not shown)"
  fi
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# Local mode: a service reachable from other machines is said out loud.
warn_about_bind_address() {
  case $BIND_ADDRESS in
    127.* | localhost | ::1) ;;
    *) warn "BIND_ADDRESS=$BIND_ADDRESS: the services listen beyond this machine; only INTERNAL_TOKEN stands between them and the network (docs/security.md)" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# small helpers

java_bin() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    printf '%s' "$JAVA_HOME/bin/java"
  else
    printf 'java'
  fi
}

require_java() {
  local java version major
  java="$(java_bin)"
  command -v "$java" >/dev/null 2>&1 ||
    die "Java 17 or newer is needed and no 'java' was found (install a JDK 17+, e.g. 'apt-get install openjdk-17-jdk', or set JAVA_HOME)"
  version="$("$java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  major="${version%%.*}"
  [[ $major == 1 ]] && major="$(cut -d. -f2 <<<"$version")"
  [[ $major =~ ^[0-9]+$ ]] || die "could not read the Java version from '$java -version'"
  ((major >= 17)) || die "Java $version found at $(command -v "$java"); Java 17 or newer is needed"
  # jvm.options' -XX:TrimNativeHeapInterval came with 22, 21.0.1 and 17.0.9: an older JVM refuses to
  # start with it
  local update need
  update="$(cut -s -d. -f3 <<<"$version")"
  update="${update%%[^0-9]*}"
  case $major in
    17) need=9 ;;
    18 | 19 | 20) need=none ;;
    21) need=1 ;;
    *) need=0 ;;
  esac
  [[ $need != none ]] && ((${update:-0} >= need)) ||
    die "Java $version found at $(command -v "$java"); Java 17.0.9, 21.0.1, 22 or newer is needed (jvm.options)"
}

# true when something accepts TCP connections on host:port
tcp_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

is_local_host() {
  [[ $1 == localhost || $1 == 127.* || $1 == ::1 || $1 == 0.0.0.0 ]]
}

# jdbc:postgresql://host[:port]/db[?params] -> "host port db"
parse_jdbc_url() {
  local rest=${1#jdbc:postgresql://} hostport db host port
  [[ $1 == jdbc:postgresql://* ]] || die "DATABASE_URL must look like jdbc:postgresql://host:port/database"
  hostport=${rest%%/*}
  db=${rest#*/}
  db=${db%%\?*}
  if [[ $hostport == \[* ]]; then
    host=${hostport#[}
    host=${host%%]*}
    port=${hostport##*]:}
    [[ $port == "$hostport" ]] && port=5432
  else
    host=${hostport%%:*}
    port=${hostport#*:}
    [[ $port == "$hostport" ]] && port=5432
  fi
  printf '%s %s %s' "$host" "$port" "$db"
}

# redis://[user:password@]host[:port][/db] -> "host port"
parse_redis_url() {
  local rest=${1#*://} hostport host port
  rest=${rest##*@}
  hostport=${rest%%/*}
  host=${hostport%%:*}
  port=${hostport#*:}
  [[ $port == "$hostport" ]] && port=6379
  printf '%s %s' "$host" "$port"
}

port_of() {
  case $1 in
    rest-service) echo "$REST_SERVICE_PORT" ;;
    calendar-service) echo "$CALENDAR_SERVICE_PORT" ;;
    assistant) echo "$ASSISTANT_PORT" ;;
    tg-bot) echo "$TG_BOT_PORT" ;;
    cron-service) echo "$CRON_SERVICE_PORT" ;;
    *) die "unknown service '$1' (one of: ${SERVICES[*]})" ;;
  esac
}

jar_of() { printf '%s' "$ROOT/$1/target/$1-$VERSION.jar"; }
pidfile_of() { printf '%s' "$RUN_DIR/$1.pid"; }
logfile_of() { printf '%s' "$LOG_DIR/$1.log"; }

require_service() {
  local s
  for s in "${SERVICES[@]}"; do [[ $s == "$1" ]] && return 0; done
  die "unknown service '$1' (one of: ${SERVICES[*]})"
}

# who listens on a port, for the "port taken" message
port_owner() {
  local owner=""
  if command -v ss >/dev/null 2>&1; then
    owner="$(ss -ltnpH "sport = :$1" 2>/dev/null | sed -nE 's/.*users:\(\("([^"]+)",pid=([0-9]+).*/\1 (pid \2)/p' | head -n1)"
  fi
  printf '%s' "${owner:-another process}"
}

# pid from a pid file when that process is alive and its command line contains the marker
live_pid() {
  local file=$1 marker=$2 pid
  [[ -s $file ]] || return 1
  pid="$(<"$file")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  printf '%s' "$pid"
}

service_pid() { live_pid "$(pidfile_of "$1")" "$1-$VERSION.jar"; }
devinfra_pid() { live_pid "$DEVINFRA_PID" "$DEVINFRA_MAIN"; }

# Starts a command detached in its own session, with its output in a log file; the pid of the
# command itself (not of a wrapper) lands in the pid file.
spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  mkdir -p "$(dirname "$logfile")"
  [[ -f $logfile ]] && mv -f "$logfile" "$logfile.1"
  rm -f "$pidfile"
  local launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  # shellcheck disable=SC2016
  "${launcher[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" >"$logfile" 2>&1 </dev/null &
  local _
  for _ in $(seq 1 50); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  die "could not start: $*"
}

# "UP", "DOWN", "OUT_OF_SERVICE", ... from /actuator/health/readiness, or "no answer". The HTTP
# status decides UP (200); the body's top-level status names the rest.
readiness() {
  local response code body status
  response="$(timeout 3 bash -c '
      exec 3<>/dev/tcp/127.0.0.1/'"$1"' || exit 1
      printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3
      cat <&3' 2>/dev/null)" || true
  code="$(head -n1 <<<"$response" | awk '{print $2}')"
  if [[ -z $code ]]; then
    printf 'no answer'
    return 0
  fi
  [[ $code == 200 ]] && {
    printf 'UP'
    return 0
  }
  body="$(tail -n1 <<<"$response")"
  # the top-level status is the last member (sorted keys) or the first one
  status="$(sed -nE 's/.*"status":"([A-Z_]+)"\}[[:space:]]*$/\1/p; t; s/^\{"status":"([A-Z_]+)".*/\1/p' <<<"$body")"
  printf '%s' "${status:-HTTP $code}"
}

mvnw() { "$ROOT/mvnw" -B "$@"; }

# ---------------------------------------------------------------------------------------------
# mode

# docker mode: docker/manage-docker.sh (compose, docker_mode, docker_start, ...)
# shellcheck source=docker/manage-docker.sh
source "$ROOT/docker/manage-docker.sh"

# ---------------------------------------------------------------------------------------------
# building

build_service_jars() {
  info "building the service jars (./mvnw -DskipTests package)"
  local list
  list="$(
    IFS=,
    echo "$*"
  )"
  mvnw -q -DskipTests package -pl "$list" -am || die "the build failed (run './mvnw -B -DskipTests package -pl $list -am' to see why)"
}

# When the benchmark last packaged every module: a quick benchmark packages again only when a
# file the jars are built from (a source under src/main of any module, a pom) is newer.
readonly BENCH_PACKAGED="$ROOT/e2e/target/bench-packaged"

jars_current() {
  local s
  [[ -f $BENCH_PACKAGED ]] || return 1
  for s in "${SERVICES[@]}"; do [[ -f $(jar_of "$s") ]] || return 1; done
  [[ -z $(find "$ROOT" \( -name .git -o -name target -o -name .run -o -name node_modules \) -prune \
    -o -type f -newer "$BENCH_PACKAGED" \( -path '*/src/main/*' -o -name pom.xml \) -print -quit) ]]
}

ensure_jars() {
  local missing=() s
  for s in "$@"; do [[ -f $(jar_of "$s") ]] || missing+=("$s"); done
  ((${#missing[@]} == 0)) || build_service_jars "${missing[@]}"
}

# The classpath of test-support (which holds the embedded-infrastructure launcher), computed once
# and recomputed when an entry has gone (e.g. after `mvn clean`).
ensure_devinfra_classpath() {
  local entry ok=1
  if [[ -s $DEVINFRA_CLASSPATH ]]; then
    while IFS= read -r entry; do
      [[ -e $entry ]] || ok=0
    done < <(tr ':' '\n' <"$DEVINFRA_CLASSPATH")
    ((ok)) && return 0
  fi
  info "preparing the embedded PostgreSQL/Redis launcher (test-support classpath)"
  mkdir -p "$RUN_DIR"
  mvnw -q -DskipTests -pl test-support -am package dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile=target/devinfra.classpath ||
    die "could not build test-support for the embedded PostgreSQL/Redis launcher"
  printf '%s:%s' "$ROOT/test-support/target/classes" "$(<test-support/target/devinfra.classpath)" >"$DEVINFRA_CLASSPATH"
}

# ---------------------------------------------------------------------------------------------
# infrastructure (local mode)

PG_HOST="" PG_PORT="" PG_DB="" REDIS_HOST="" REDIS_PORT=""
read_infra_config() {
  read -r PG_HOST PG_PORT PG_DB <<<"$(parse_jdbc_url "$DATABASE_URL")"
  read -r REDIS_HOST REDIS_PORT <<<"$(parse_redis_url "$REDIS_URL")"
}

# Creates the application database on an external server when it is missing.
ensure_database() {
  local exists
  if command -v psql >/dev/null 2>&1; then
    exists="$(PGPASSWORD="$DATABASE_PASSWORD" PGCONNECT_TIMEOUT=5 psql -h "$PG_HOST" -p "$PG_PORT" -U "$DATABASE_USER" -d postgres \
      -tAc "select 1 from pg_database where datname = '$PG_DB'" 2>&1)" ||
      die "PostgreSQL at $PG_HOST:$PG_PORT refused user '$DATABASE_USER': $exists"
    if [[ $exists != 1 ]]; then
      PGPASSWORD="$DATABASE_PASSWORD" psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$DATABASE_USER" -d postgres \
        -c "create database \"$PG_DB\"" >/dev/null ||
        die "could not create database '$PG_DB' on $PG_HOST:$PG_PORT as '$DATABASE_USER'"
      info "created database '$PG_DB' on $PG_HOST:$PG_PORT"
    fi
  else
    ensure_devinfra_classpath
    local result
    result="$("$(java_bin)" -cp "$(<"$DEVINFRA_CLASSPATH")" "$DEVINFRA_MAIN" ensure-database \
      --url "$DATABASE_URL" --user "$DATABASE_USER" 2>&1 | tail -n1)" ||
      die "could not check or create database '$PG_DB' on $PG_HOST:$PG_PORT: $result"
    [[ $result == created ]] && info "created database '$PG_DB' on $PG_HOST:$PG_PORT"
  fi
  return 0
}

# Makes PostgreSQL and Redis reachable at the configured URLs. When one is not reachable and its
# URL names this machine, an embedded server is started on that very port (data under .run/data),
# so the services need no other configuration. Sets STARTED_EMBEDDED=1 when it started them.
STARTED_EMBEDDED=0
ensure_infra() {
  read_infra_config
  local want_pg="" want_redis="" pid
  if pid="$(devinfra_pid)"; then
    note "embedded infrastructure already running (pid $pid)"
  fi
  if tcp_open "$PG_HOST" "$PG_PORT"; then
    # an embedded server creates its database itself
    if ! { devinfra_pid >/dev/null && grep -q "^postgres=$PG_PORT$" "$DEVINFRA_READY" 2>/dev/null; }; then
      ensure_database
    fi
  elif is_local_host "$PG_HOST" && [[ $EMBEDDED_INFRA != never ]]; then
    want_pg=$PG_PORT
  else
    die "PostgreSQL is not reachable at $PG_HOST:$PG_PORT (DATABASE_URL). Start it, or fix DATABASE_URL in .env; a URL on this machine (localhost) gets an embedded PostgreSQL unless EMBEDDED_INFRA=never."
  fi
  if tcp_open "$REDIS_HOST" "$REDIS_PORT"; then
    :
  elif is_local_host "$REDIS_HOST" && [[ $EMBEDDED_INFRA != never ]]; then
    want_redis=$REDIS_PORT
  else
    die "Redis is not reachable at $REDIS_HOST:$REDIS_PORT (REDIS_URL). Start it, or fix REDIS_URL in .env; a URL on this machine (localhost) gets an embedded Redis unless EMBEDDED_INFRA=never."
  fi
  [[ -z $want_pg && -z $want_redis ]] && return 0

  if pid="$(devinfra_pid)"; then
    die "embedded infrastructure (pid $pid) is running but ${want_pg:+PostgreSQL :$want_pg }${want_redis:+Redis :$want_redis }is not reachable; run './manage.sh stop' first"
  fi
  stop_orphan_infra
  ensure_devinfra_classpath
  local args=(run --data-dir "$DATA_DIR" --ready-file "$DEVINFRA_READY")
  [[ -n $want_pg ]] && args+=(--postgres-port "$want_pg" --database "$PG_DB" --user "$DATABASE_USER")
  [[ -n $want_redis ]] && args+=(--redis-port "$want_redis")
  info "starting embedded ${want_pg:+PostgreSQL on :$want_pg }${want_redis:+Redis on :$want_redis }(data in .run/data)"
  rm -f "$DEVINFRA_READY"
  spawn "$DEVINFRA_PID" "$LOG_DIR/devinfra.log" "$(java_bin)" -Xmx256m -XX:+UseSerialGC \
    -cp "$(<"$DEVINFRA_CLASSPATH")" "$DEVINFRA_MAIN" "${args[@]}"
  local waited=0
  until [[ -s $DEVINFRA_READY ]]; do
    if ! devinfra_pid >/dev/null; then
      tail -n 30 "$LOG_DIR/devinfra.log" >&2 || true
      die "the embedded infrastructure exited while starting (log: .run/logs/devinfra.log)"
    fi
    ((waited >= 120)) && {
      tail -n 30 "$LOG_DIR/devinfra.log" >&2 || true
      die "the embedded infrastructure did not become ready within 120 s"
    }
    sleep 1
    waited=$((waited + 1))
  done
  STARTED_EMBEDDED=1
  note "embedded infrastructure ready (pid $(devinfra_pid)): $(tr '\n' ' ' <"$DEVINFRA_READY")"
}

# A PostgreSQL or Redis left behind by a launcher that was killed hard: stop it before the data
# directory is used again.
stop_orphan_infra() {
  local pid
  if [[ -s $DATA_DIR/postgres/postmaster.pid ]]; then
    pid="$(head -n1 "$DATA_DIR/postgres/postmaster.pid")"
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && grep -q postgres "/proc/$pid/comm" 2>/dev/null; then
      warn "stopping a PostgreSQL left running on .run/data (pid $pid)"
      kill -INT "$pid" 2>/dev/null || true # fast shutdown
      wait_gone "$pid" 30 || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if [[ -s $DATA_DIR/redis/redis.pid ]]; then
    pid="$(<"$DATA_DIR/redis/redis.pid")"
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && grep -q redis "/proc/$pid/comm" 2>/dev/null; then
      warn "stopping a Redis left running on .run/data (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      wait_gone "$pid" 30 || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
}

wait_gone() {
  local pid=$1 seconds=$2 i
  for ((i = 0; i < seconds * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  return 1
}

stop_embedded_infra() {
  local pid
  if pid="$(devinfra_pid)"; then
    info "stopping embedded PostgreSQL/Redis (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 60; then
      warn "embedded infrastructure did not stop within 60 s: killed (SIGKILL)"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  stop_orphan_infra
  rm -f "$DEVINFRA_PID" "$DEVINFRA_READY"
}

# ---------------------------------------------------------------------------------------------
# services (local mode)

start_service() {
  local svc=$1 port pid
  port="$(port_of "$svc")"
  if pid="$(service_pid "$svc")"; then
    note "$svc already running (pid $pid, port $port)"
    return 0
  fi
  if tcp_open 127.0.0.1 "$port"; then
    die "port $port, needed by $svc, is taken by $(port_owner "$port"); stop it or set $(port_variable "$svc") in .env"
  fi
  info "starting $svc on port $port"
  # bin/run-service: with the class data archive of the jar (recorded at its first start)
  # shellcheck disable=SC2086 # SERVICE_JAVA_OPTS is a list of options
  spawn "$(pidfile_of "$svc")" "$(logfile_of "$svc")" env JAVA="$(java_bin)" "$ROOT/bin/run-service" \
    "$(jar_of "$svc")" "@$ROOT/jvm.options" $SERVICE_JAVA_OPTS
}

port_variable() {
  case $1 in
    rest-service) echo REST_SERVICE_PORT ;;
    calendar-service) echo CALENDAR_SERVICE_PORT ;;
    assistant) echo ASSISTANT_PORT ;;
    tg-bot) echo TG_BOT_PORT ;;
    cron-service) echo CRON_SERVICE_PORT ;;
  esac
}

# Waits until the service reports UP on /actuator/health/readiness.
wait_ready() {
  local svc=$1 port started=$SECONDS health=""
  port="$(port_of "$svc")"
  while ((SECONDS - started < STARTUP_TIMEOUT)); do
    if ! service_pid "$svc" >/dev/null; then
      printf '\n--- last lines of .run/logs/%s.log ---\n' "$svc" >&2
      tail -n 25 "$(logfile_of "$svc")" | cut -c1-600 >&2 || true
      warn "$svc exited while starting"
      return 1
    fi
    health="$(readiness "$port")"
    if [[ $health == UP ]]; then
      note "$svc is UP (pid $(service_pid "$svc"), port $port, $(($(date +%s) - $(stat -c %Y "$(pidfile_of "$svc")"))) s after its start)"
      return 0
    fi
    sleep 1
  done
  printf '\n--- last lines of .run/logs/%s.log ---\n' "$svc" >&2
  tail -n 25 "$(logfile_of "$svc")" | cut -c1-600 >&2 || true
  warn "$svc not ready within ${STARTUP_TIMEOUT}s (readiness: $health)"
  return 1
}

# SIGTERM to all given services at once, wait up to STOP_TIMEOUT, SIGKILL what is left.
stop_services() {
  local svc pid pids=() names=() i deadline
  for svc in "$@"; do
    if pid="$(service_pid "$svc")"; then
      info "stopping $svc (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("$svc")
    fi
  done
  deadline=$((SECONDS + STOP_TIMEOUT))
  for i in "${!pids[@]}"; do
    while kill -0 "${pids[$i]}" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      warn "${names[$i]} did not stop within ${STOP_TIMEOUT}s: killed (SIGKILL)"
      kill -KILL -- "-${pids[$i]}" 2>/dev/null || kill -KILL "${pids[$i]}" 2>/dev/null || true
      wait_gone "${pids[$i]}" 5 || true
    else
      note "${names[$i]} stopped"
    fi
  done
  for svc in "$@"; do rm -f "$(pidfile_of "$svc")"; done
}

local_start() {
  local only=$1 svc failed=() others=()
  require_java
  mkdir -p "$LOG_DIR"
  ensure_secrets
  warn_about_bind_address
  [[ -n ${OPENAI_API_KEY:-} ]] || warn "OPENAI_API_KEY is not set (.env): the assistant cannot reach its language model"
  if [[ -n $only ]]; then
    ensure_jars "$only"
  else
    ensure_jars "${SERVICES[@]}"
  fi
  ensure_infra
  if [[ -n $only ]]; then
    if [[ $only != rest-service ]] && ! service_pid rest-service >/dev/null; then
      warn "rest-service is not running; $only will not be able to reach it"
    fi
    start_service "$only"
    wait_ready "$only" || die "$only did not come up (./manage.sh logs $only)"
    return 0
  fi
  start_service rest-service
  wait_ready rest-service || die "rest-service did not come up; the others were not started (./manage.sh logs rest-service, ./manage.sh stop)"
  for svc in "${SERVICES[@]:1}"; do
    start_service "$svc"
    others+=("$svc")
  done
  for svc in "${others[@]}"; do
    wait_ready "$svc" || failed+=("$svc")
  done
  if ((${#failed[@]})); then
    die "not ready: ${failed[*]} (./manage.sh logs <service>; ./manage.sh stop stops everything)"
  fi
  info "all five services are UP"
}

local_stop() {
  local only=$1
  if [[ -n $only ]]; then
    service_pid "$only" >/dev/null || note "$only is not running"
    stop_services "$only"
    return 0
  fi
  # the callers of rest-service first, rest-service last, then the infrastructure under them
  stop_services "${SERVICES[@]:1}"
  stop_services rest-service
  stop_embedded_infra
  local left
  left="$(for svc in "${SERVICES[@]}"; do service_pid "$svc" || true; done)"
  [[ -z $left ]] || die "still running: $left"
  info "stopped; no service or embedded server left running"
}

local_status() {
  local svc pid port health all_up=0 source
  printf '%-18s %-8s %-6s %s\n' SERVICE PID PORT READINESS
  for svc in "${SERVICES[@]}"; do
    port="$(port_of "$svc")"
    if pid="$(service_pid "$svc")"; then
      health="$(readiness "$port")"
      [[ $health == UP ]] || all_up=3
    else
      pid="-"
      health="not running"
      tcp_open 127.0.0.1 "$port" && health="not running (port taken by $(port_owner "$port"))"
      all_up=3
    fi
    printf '%-18s %-8s %-6s %s\n' "$svc" "$pid" "$port" "$health"
  done
  read_infra_config
  source="external"
  if pid="$(devinfra_pid)"; then source="embedded, pid $pid"; fi
  printf '\n'
  if tcp_open "$PG_HOST" "$PG_PORT"; then
    printf '%-18s %s\n' PostgreSQL "$PG_HOST:$PG_PORT/$PG_DB reachable ($(grep -q "^postgres=" "$DEVINFRA_READY" 2>/dev/null && echo "$source" || echo external))"
  else
    printf '%-18s %s\n' PostgreSQL "$PG_HOST:$PG_PORT unreachable"
  fi
  if tcp_open "$REDIS_HOST" "$REDIS_PORT"; then
    printf '%-18s %s\n' Redis "$REDIS_HOST:$REDIS_PORT reachable ($(grep -q "^redis=" "$DEVINFRA_READY" 2>/dev/null && echo "$source" || echo external))"
  else
    printf '%-18s %s\n' Redis "$REDIS_HOST:$REDIS_PORT unreachable"
  fi
  return "$all_up"
}

local_logs() {
  local svc=${1:-} files=() follow=()
  [[ -t 1 ]] && follow=(-F)
  if [[ -n $svc ]]; then
    [[ $svc == devinfra ]] || require_service "$svc"
    files=("$(logfile_of "$svc")")
  else
    shopt -s nullglob
    files=("$LOG_DIR"/*.log)
    shopt -u nullglob
  fi
  if ((${#files[@]} == 0)) || [[ ! -f ${files[0]} ]]; then
    die "no logs yet under .run/logs (start the suite first)"
  fi
  tail -n 200 "${follow[@]}" "${files[@]}"
}

# Runs rest-service's jar once with a command (upgrade, seed) against the configured database.
run_rest_command() {
  local command=$1 rc=0
  ensure_infra
  info "rest-service --smart.command=$command against $PG_HOST:$PG_PORT/$PG_DB"
  # shellcheck disable=SC2086
  "$(java_bin)" "@$ROOT/jvm.options" $SERVICE_JAVA_OPTS -jar "$(jar_of rest-service)" "--smart.command=$command" || rc=$?
  if ((STARTED_EMBEDDED)) && ! any_service_running; then
    stop_embedded_infra
  fi
  ((rc == 0)) || die "rest-service --smart.command=$command failed (exit $rc)"
  info "$command done"
}

any_service_running() {
  local svc
  for svc in "${SERVICES[@]}"; do service_pid "$svc" >/dev/null && return 0; done
  return 1
}

# ---------------------------------------------------------------------------------------------
# commands

SERVICE=""
IN_DOCKER=0
COMPOSE_CHECK=0
parse_service_option() {
  while (($#)); do
    case $1 in
      --service | -s)
        (($# >= 2)) || die "--service needs a name"
        SERVICE=$2
        shift 2
        ;;
      --service=*)
        SERVICE=${1#--service=}
        shift
        ;;
      --in-docker)
        IN_DOCKER=1
        shift
        ;;
      --compose)
        COMPOSE_CHECK=1
        shift
        ;;
      *) die "unknown option '$1' (./manage.sh help)" ;;
    esac
  done
}

cmd_start() {
  parse_service_option "$@"
  [[ -z $SERVICE ]] || require_service "$SERVICE"
  if docker_mode; then
    docker_start ${SERVICE:+"$SERVICE"}
  else
    local_start "$SERVICE"
  fi
}

cmd_stop() {
  parse_service_option "$@"
  [[ -z $SERVICE ]] || require_service "$SERVICE"
  if docker_mode; then
    docker_stop "$SERVICE"
  else
    local_stop "$SERVICE"
  fi
}

cmd_restart() {
  parse_service_option "$@"
  [[ -z $SERVICE ]] || require_service "$SERVICE"
  if docker_mode; then
    if [[ -n $SERVICE ]]; then
      compose restart "$SERVICE"
      show_containers
    else
      docker_stop
      docker_start
    fi
  else
    local_stop "$SERVICE"
    local_start "$SERVICE"
  fi
}

cmd_status() {
  if docker_mode; then
    show_containers
  else
    local_status
  fi
}

cmd_logs() {
  local svc=${1:-}
  if docker_mode; then
    local follow=()
    [[ -t 1 ]] && follow=(--follow)
    compose logs --tail=200 "${follow[@]}" ${svc:+"$svc"}
  else
    local_logs "$svc"
  fi
}

cmd_rebuild() {
  parse_service_option "$@"
  [[ -n $SERVICE ]] || die "usage: ./manage.sh rebuild --service S"
  require_service "$SERVICE"
  if docker_mode; then
    docker_rebuild "$SERVICE"
    return 0
  fi
  require_java
  build_service_jars "$SERVICE"
  if service_pid "$SERVICE" >/dev/null; then
    stop_services "$SERVICE"
    local_start "$SERVICE"
  else
    info "$SERVICE rebuilt: $(jar_of "$SERVICE")"
  fi
}

cmd_migrate() {
  local name="$*" snake highest=0 file base version
  [[ -n $name ]] || die 'usage: ./manage.sh migrate "add reminders table"'
  snake="$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]' | sed -E 's/[^a-z0-9]+/_/g; s/^_+//; s/_+$//')"
  [[ -n $snake ]] || die "the migration name needs letters or digits"
  mkdir -p "$MIGRATIONS"
  shopt -s nullglob
  for file in "$MIGRATIONS"/V*__*.sql; do
    base=${file##*/}
    version=${base#V}
    version=${version%%__*}
    version=${version%%[._]*}
    [[ $version =~ ^[0-9]+$ ]] && ((10#$version > highest)) && highest=$((10#$version))
  done
  shopt -u nullglob
  file="$MIGRATIONS/V$((highest + 1))__${snake}.sql"
  [[ ! -e $file ]] || die "$file exists already"
  cat >"$file" <<EOF
-- V$((highest + 1)): $name
-- Applied by Flyway when rest-service starts, or by ./manage.sh upgrade. Never edit a migration
-- that has been applied anywhere: add the next one instead.

EOF
  info "created $file"
}

cmd_upgrade() {
  if docker_mode; then
    # always rebuild, so a migration file added since the last build is inside the image
    prepare_jars rest-service
    docker_rest_command upgrade
    return 0
  fi
  require_java
  # always rebuild, so a migration file added since the last build is inside the jar
  build_service_jars rest-service
  run_rest_command upgrade
}

cmd_seed() {
  if docker_mode; then
    prepare_jars missing
    docker_rest_command seed
    return 0
  fi
  require_java
  ensure_jars rest-service
  run_rest_command seed
}

# The admin UI's password (docs/operations.md "Admin UI"): read from stdin (asked twice, unechoed,
# in a terminal), hashed with bcrypt by rest-service's jar without starting the service, and
# written single-quoted into .env (docker compose would otherwise read the $ of the hash).
cmd_admin_password() {
  local password again hash
  require_java
  ensure_jars rest-service
  if [[ -t 0 ]]; then
    read -r -s -p "admin password (12 characters or more): " password
    echo
    read -r -s -p "the same again: " again
    echo
    [[ $password == "$again" ]] || die "the two passwords differ"
  else
    IFS= read -r password || true
  fi
  hash="$(printf '%s\n' "$password" | "$(java_bin)" -cp "$(jar_of rest-service)" \
    -Dloader.main=org.smartassistant.rest.admin.AdminPasswordHash \
    org.springframework.boot.loader.launch.PropertiesLauncher)" || die "no hash made"
  [[ $hash == "{bcrypt}"* ]] || die "no hash made"
  store_env ADMIN_PASSWORD_HASH "'$hash'"
  info "ADMIN_PASSWORD_HASH written into .env; restart rest-service (./manage.sh restart --service rest-service) and log in at /admin as 'admin'"
}

# Exports TEST_POSTGRES_URL / TEST_REDIS_URL when servers answer at the test URLs; otherwise the
# tests fall back to Testcontainers or embedded servers (test-support's InfrastructureSource).
export_test_infrastructure() {
  local url host port db
  url="${TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}"
  read -r host port db <<<"$(parse_jdbc_url "$url")"
  if tcp_open "$host" "$port"; then
    export TEST_POSTGRES_URL="$url"
    note "tests use PostgreSQL at $host:$port (TEST_POSTGRES_URL)"
  else
    [[ -n ${TEST_POSTGRES_URL:-} ]] && warn "TEST_POSTGRES_URL points at $host:$port, which does not answer; ignoring it"
    unset TEST_POSTGRES_URL
    note "no PostgreSQL at $host:$port: tests use Testcontainers (with Docker) or an embedded one"
  fi
  url="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
  read -r host port <<<"$(parse_redis_url "$url")"
  if tcp_open "$host" "$port"; then
    export TEST_REDIS_URL="$url"
    note "tests use Redis at $host:$port (TEST_REDIS_URL)"
  else
    [[ -n ${TEST_REDIS_URL:-} ]] && warn "TEST_REDIS_URL points at $host:$port, which does not answer; ignoring it"
    unset TEST_REDIS_URL
    note "no Redis at $host:$port: tests use Testcontainers (with Docker) or an embedded one"
  fi
  [[ -z ${TEST_INFRASTRUCTURE:-} ]] || note "TEST_INFRASTRUCTURE=$TEST_INFRASTRUCTURE overrides the choice"
}

cmd_test() {
  parse_service_option "$@"
  if ((COMPOSE_CHECK)); then
    docker_mode || die "--compose needs a reachable Docker engine (docker/engine.sh install && docker/engine.sh start)"
    docker_compose_check
    return
  fi
  if ((IN_DOCKER)); then
    docker_mode || die "--in-docker needs a reachable Docker engine (docker/engine.sh start)"
    local runner=(./mvnw -B verify)
    [[ -n $SERVICE ]] && runner=(bash -c "./mvnw -B -q -DskipTests install && ./mvnw -B verify -pl $SERVICE")
    docker_test "${runner[@]}"
    return
  fi
  require_java
  info "test infrastructure"
  export_test_infrastructure
  if [[ -z $SERVICE || $SERVICE == e2e ]] && [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    local outcome="are skipped; apt-get install chromium chromium-driver runs them"
    [[ ${BROWSER_TESTS:-} == required ]] && outcome="will fail (BROWSER_TESTS=required)"
    warn "no /usr/bin/chromium or /usr/bin/chromedriver: the admin UI's browser tests (e2e AdminUiTest) $outcome"
  fi
  if [[ -z $SERVICE ]]; then
    info "./mvnw -B verify (all modules)"
    mvnw verify --fail-at-end
    return
  fi
  local module found=0
  for module in "${MODULES[@]}"; do [[ $module == "$SERVICE" ]] && found=1; done
  ((found)) || die "unknown module '$SERVICE' (one of: ${MODULES[*]})"
  if [[ $SERVICE == e2e ]]; then
    # e2e runs the services' jars: build and install everything first, then test e2e alone
    info "packaging all modules for e2e"
    mvnw -q -DskipTests install
  else
    info "building $SERVICE's dependencies"
    mvnw -q -DskipTests install -pl "$SERVICE" -am
  fi
  info "./mvnw -B verify -pl $SERVICE"
  mvnw verify -pl "$SERVICE"
}

# The conversation benchmark: the five services as processes with the fake Telegram and fake LLM,
# with the default JVM options (jvm.options). Prints the table of
# e2e/target/bench-report.txt. Options: --llm-latency MS (default 0).
cmd_bench() {
  local latency=0 quick=()
  while (($#)); do
    case $1 in
      --llm-latency)
        [[ $# -ge 2 ]] || die "--llm-latency needs milliseconds"
        latency=$2
        shift 2
        ;;
      --quick)
        # fewer messages and no start-up timing, and the modules packaged again only when a source
        # changed since the benchmark last packaged them: the same table in under two minutes
        quick=(-Dbench.warmup=50 -Dbench.samples=100 -Dbench.throughputUsers=50
          -Dbench.throughputPerUser=4 -Dbench.concurrentUsers=100 -Dbench.startupTimes=false)
        shift
        ;;
      *) die "unknown bench option '$1' (known: --llm-latency MS, --quick)" ;;
    esac
  done
  [[ $latency =~ ^[0-9]+$ ]] || die "--llm-latency takes whole milliseconds, not '$latency'"
  require_java
  info "test infrastructure"
  export_test_infrastructure
  if ((${#quick[@]})) && jars_current; then
    # a jar packaged again is a new build, whose class data archive every service records again
    info "no source changed since the last packaging: the jars are run as they are (--quick)"
    mvnw -q -DskipTests install -pl test-support -am
  else
    info "packaging all modules"
    local started
    started=$(date +%s)
    mvnw -q -DskipTests install
    mkdir -p "$(dirname "$BENCH_PACKAGED")"
    touch -d "@$started" "$BENCH_PACKAGED"
  fi
  info "benchmark (LLM latency ${latency} ms); this takes a few minutes"
  rm -f e2e/target/bench-report.txt
  mvnw -q verify -pl e2e -Dtest=ConversationBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench=true -Dbench.llmLatencyMs="$latency" "${quick[@]}"
  [[ -f e2e/target/bench-report.txt ]] || die "the benchmark wrote no report; see e2e/target/surefire-reports and e2e/target/e2e-logs"
  cat e2e/target/bench-report.txt
}

main() {
  local command=${1:-help}
  (($#)) && shift
  load_env
  apply_defaults
  case $command in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    restart) cmd_restart "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    rebuild) cmd_rebuild "$@" ;;
    migrate) cmd_migrate "$@" ;;
    upgrade) cmd_upgrade "$@" ;;
    seed) cmd_seed "$@" ;;
    admin-password) cmd_admin_password "$@" ;;
    test) cmd_test "$@" ;;
    bench) cmd_bench "$@" ;;
    help | -h | --help) usage ;;
    *)
      usage >&2
      die "unknown command '$command'"
      ;;
  esac
}

main "$@"
