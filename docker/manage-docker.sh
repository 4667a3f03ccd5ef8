# shellcheck shell=bash
# Docker mode of ./manage.sh (sourced by it; uses its info/note/warn/die, mvnw and settings):
# Compose v2, base images that can be pulled or stand-ins built here, the jars built once, the
# published ports free, and `docker compose up --wait` until every container is healthy.

readonly COMPOSE_SERVICES=(postgres redis "${SERVICES[@]}")
readonly HOST_JARS_DIR="$ROOT/docker/host-jars"

compose() {
  # docker-compose.yml refuses to run without these; generated once into .env
  ensure_secrets
  ensure_container_secrets
  docker compose version >/dev/null 2>&1 ||
    die "a Docker engine answers but Compose v2 ('docker compose') is missing: install the compose plugin (on Debian bookworm: docker/engine.sh install), or run without Docker: MANAGE_MODE=local ./manage.sh ..."
  docker compose "$@"
}

docker_mode() {
  case ${MANAGE_MODE:-auto} in
    docker)
      timeout 10 docker info >/dev/null 2>&1 || die "MANAGE_MODE=docker but no Docker engine answers 'docker info' (start one, e.g. docker/engine.sh start)"
      return 0
      ;;
    local) return 1 ;;
    auto) command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1 ;;
    *) die "MANAGE_MODE must be local, docker or auto" ;;
  esac
}

# The four base images: present, or pulled, or (when the registry cannot be reached) replaced by
# stand-ins built from Debian's packages (docker/local-base-images.sh), remembered in .env.
# $1: also the JDK image (in-image Maven build, test runner); $2: also the monitoring profile's
# Prometheus and Alertmanager (default: when COMPOSE_PROFILES names monitoring).
ensure_base_images() {
  local need_jdk=${1:-0} missing=() var image
  local monitoring=${2:-$([[ ,${COMPOSE_PROFILES:-}, == *,monitoring,* ]] && echo 1 || echo 0)}
  export JDK_IMAGE="${JDK_IMAGE:-eclipse-temurin:17-jdk}" JRE_IMAGE="${JRE_IMAGE:-eclipse-temurin:21-jre}"
  export POSTGRES_IMAGE="${POSTGRES_IMAGE:-postgres:16}" REDIS_IMAGE="${REDIS_IMAGE:-redis:7}"
  export PROMETHEUS_IMAGE="${PROMETHEUS_IMAGE:-prom/prometheus:v2.53.0}"
  export ALERTMANAGER_IMAGE="${ALERTMANAGER_IMAGE:-prom/alertmanager:v0.27.0}"
  local vars=(JRE_IMAGE POSTGRES_IMAGE REDIS_IMAGE)
  ((need_jdk)) && vars+=(JDK_IMAGE)
  ((monitoring)) && vars+=(PROMETHEUS_IMAGE ALERTMANAGER_IMAGE)
  for var in "${vars[@]}"; do
    image=${!var}
    docker image inspect "$image" >/dev/null 2>&1 && continue
    info "pulling $image"
    timeout 600 docker pull -q "$image" >/dev/null 2>&1 || missing+=("$var=$image")
  done
  ((${#missing[@]} == 0)) && return 0
  warn "cannot pull ${missing[*]} (no access to the image registry?)"
  info "building stand-in base images from Debian's packages (docker/local-base-images.sh; cached after the first run)"
  local line
  while IFS= read -r line; do
    var=${line%%=*}
    for image in "${missing[@]}"; do
      [[ ${image%%=*} == "$var" ]] && store_env "$var" "${line#*=}"
    done
  done < <("$ROOT/docker/local-base-images.sh" --print ||
    die "could not build the stand-in base images; on Debian run 'docker/engine.sh install' (debootstrap) as root, or set JDK_IMAGE/JRE_IMAGE/POSTGRES_IMAGE/REDIS_IMAGE (and PROMETHEUS_IMAGE/ALERTMANAGER_IMAGE) in .env to images this engine has")
  note "using ${missing[*]%%=*} from the stand-ins (written into .env)"
}

# Where the images take their jars from (see the Dockerfile): "host" when this machine has a JDK
# 17+ (one ./mvnw package on the host, incremental), else "maven" (one Maven build in the image).
image_jars_mode() {
  if [[ -n ${IMAGE_JARS:-} ]]; then
    [[ $IMAGE_JARS == host || $IMAGE_JARS == maven ]] || die "IMAGE_JARS must be host or maven"
  elif (require_java) >/dev/null 2>&1; then
    IMAGE_JARS=host
  else
    IMAGE_JARS=maven
  fi
  export IMAGE_JARS
}

# Host mode: builds the services' jars (all of them on $1=all, the missing ones otherwise, or the
# named services) and stages them where the Dockerfile's jars-host stage copies them from.
prepare_jars() {
  image_jars_mode
  [[ $IMAGE_JARS == host ]] || return 0
  case ${1:-} in
    missing) ensure_jars "${SERVICES[@]}" ;;
    *) build_service_jars "$@" ;;
  esac
  local s
  mkdir -p "$HOST_JARS_DIR"
  for s in "${SERVICES[@]}"; do
    [[ -f $(jar_of "$s") ]] || continue
    cmp -s "$(jar_of "$s")" "$HOST_JARS_DIR/$s.jar" || cp -f "$(jar_of "$s")" "$HOST_JARS_DIR/$s.jar"
  done
}

# A published port held by something other than this project's container is said before
# `up` fails on it, with the way out.
check_published_ports() {
  local s port var address=${PUBLISH_ADDRESS:-127.0.0.1} running
  running="$(compose ps --status running --services 2>/dev/null || true)"
  for s in "$@"; do
    grep -qx "$s" <<<"$running" && continue
    port="$(port_of "$s")"
    [[ $address == 0.0.0.0 ]] && address=127.0.0.1
    if tcp_open "$address" "$port"; then
      var="$(port_variable "$s")"
      die "port $port ($s) is in use by $(port_owner "$port"): stop it, or publish $s elsewhere with $var=<port> in .env"
    fi
  done
}

# Prints each container's state; after a failed `up`, the last lines of the unhealthy ones.
show_containers() {
  compose ps --all --format 'table {{.Service}}\t{{.State}}\t{{.Status}}\t{{.Ports}}'
}

docker_up() {
  local services=("$@") timeout=${STARTUP_TIMEOUT:-180} s
  ((${#services[@]})) || services=("${SERVICES[@]}")
  ensure_base_images "$([[ ${IMAGE_JARS:-} == maven ]] && echo 1 || echo 0)"
  check_published_ports "${services[@]}"
  info "docker compose up --build --wait ${*:-(all)} (jars from: $IMAGE_JARS)"
  if ! compose up -d --build --wait --wait-timeout "$timeout" "$@"; then
    show_containers
    for s in "${COMPOSE_SERVICES[@]}"; do
      if [[ $(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q "$s" 2>/dev/null)" 2>/dev/null) != healthy ]]; then
        warn "$s is not healthy; its last log lines:"
        compose logs --tail=15 "$s" >&2 || true
      fi
    done
    die "the suite did not become healthy within ${timeout}s (./manage.sh logs S; STARTUP_TIMEOUT=... for a slow host)"
  fi
  show_containers
}

docker_start() {
  prepare_jars missing
  docker_up "$@"
}

docker_stop() {
  if [[ -n ${1:-} ]]; then compose stop "$1"; else compose down --remove-orphans; fi
  show_containers
}

docker_rebuild() {
  local s=$1
  prepare_jars "$s"
  ensure_base_images "$([[ $IMAGE_JARS == maven ]] && echo 1 || echo 0)"
  compose build "$s"
  if [[ -n $(compose ps -q --status running "$s" 2>/dev/null) ]]; then
    info "restarting $s on its new image"
    compose up -d --no-deps --wait --wait-timeout "${STARTUP_TIMEOUT:-180}" "$s"
    show_containers
  else
    info "$s image rebuilt (not running: ./manage.sh start starts it)"
  fi
}

# rest-service's one-shot commands (upgrade, seed) in a container of its image: the database
# and Redis are started when needed.
docker_rest_command() {
  local command=$1
  ensure_base_images "$([[ $IMAGE_JARS == maven ]] && echo 1 || echo 0)"
  compose build rest-service
  compose run --rm --no-TTY rest-service "--smart.command=$command" || die "rest-service --smart.command=$command failed"
  info "$command done"
}

# The whole test suite in containers (docker-compose.test.yml). The host's Maven repository and
# Maven distribution, when present, are mounted read-only and used first, so a runner that
# cannot reach Maven Central still builds.
docker_test() {
  local runner=("$@")
  ensure_base_images 1
  local m2="${HOME}/.m2"
  if [[ -d $m2/repository ]]; then
    export HOST_MAVEN_HOME="$m2" RUNNER_MAVEN_ARGS="-Dmaven.repo.local.tail=/host-m2/repository"
    [[ -d $m2/wrapper/dists ]] && export RUNNER_MAVEN_USER_HOME=/host-m2
    note "the runner uses this host's Maven repository ($m2, read-only) before downloading"
  fi
  local rc=0
  compose -f docker-compose.test.yml build runner
  compose -f docker-compose.test.yml run --rm --no-TTY runner "${runner[@]}" || rc=$?
  compose -f docker-compose.test.yml down -v --remove-orphans || true
  return "$rc"
}

# The compose check (e2e ComposeDeploymentTest): the jars built on the host, the base images, then
# the test builds the images and drives docker compose through its scenarios.
docker_compose_check() {
  require_java
  export IMAGE_JARS=host
  local started=$SECONDS
  prepare_jars "${SERVICES[@]}"
  note "jars built and staged in $((SECONDS - started)) s"
  started=$SECONDS
  ensure_base_images 0 1
  note "base images ready in $((SECONDS - started)) s"
  info "compose check (e2e ComposeDeploymentTest)"
  local rc=0 output=e2e/target/surefire-reports/org.smartassistant.e2e.compose.ComposeDeploymentTest-output.txt
  rm -f "$output"
  mvnw verify -pl e2e -am -Dcompose=true -Dtest=ComposeDeploymentTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.skip=true || rc=$?
  if [[ -f $output ]]; then
    info "the compose check's steps (docker compose commands and their output)"
    grep -v '^\s*$' "$output" | grep -vE '^\S+-[0-9]+ +\| \{' || true
  fi
  return "$rc"
}
