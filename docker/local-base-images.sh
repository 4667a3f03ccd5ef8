#!/usr/bin/env bash
# Builds stand-ins for the four official base images from Debian's packages, for a host that
# cannot pull from the public image registry (an operator with ordinary internet access never
# needs this). Needs a Docker engine, debootstrap and Debian's package mirror; run as root.
#   docker/local-base-images.sh          build what is missing (a second run takes seconds)
#   docker/local-base-images.sh --print  also print the variables that select them
# The images, and the variables of the Dockerfiles and compose files that select them:
#   JDK_IMAGE=smart-assistant/base-jdk:17          instead of eclipse-temurin:17-jdk
#   JRE_IMAGE=smart-assistant/base-jre:17          instead of eclipse-temurin:21-jre
#   POSTGRES_IMAGE=smart-assistant/base-postgres:15  instead of postgres:16
#   REDIS_IMAGE=smart-assistant/base-redis:7       instead of redis:7
#   PROMETHEUS_IMAGE=smart-assistant/base-prometheus:2      instead of prom/prometheus (monitoring)
#   ALERTMANAGER_IMAGE=smart-assistant/base-alertmanager:0  instead of prom/alertmanager (monitoring)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly DEBIAN_IMAGE=smart-assistant/debian:bookworm
readonly -A TARGETS=(
  [jdk]=smart-assistant/base-jdk:17
  [jre]=smart-assistant/base-jre:17
  [postgres]=smart-assistant/base-postgres:15
  [redis]=smart-assistant/base-redis:7
  [prometheus]=smart-assistant/base-prometheus:2
  [alertmanager]=smart-assistant/base-alertmanager:0
)

say() { printf '[base-images] %s\n' "$*" >&2; }
die() { printf '[base-images] error: %s\n' "$*" >&2; exit 1; }

has_image() { docker image inspect "$1" >/dev/null 2>&1; }

debian_image() {
  has_image "$DEBIAN_IMAGE" && return 0
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing (apt-get install debootstrap, or docker/engine.sh install)"
  [[ $(id -u) -eq 0 ]] || die "debootstrap needs root"
  local dir
  dir=$(mktemp -d)
  say "debootstrap --variant=minbase bookworm (about a minute)"
  if ! debootstrap --variant=minbase bookworm "$dir/rootfs" >"$dir/debootstrap.log" 2>&1; then
    tail -n 20 "$dir/debootstrap.log" >&2
    rm -rf "$dir"
    die "debootstrap failed"
  fi
  # the downloaded packages and indexes are not part of the image
  rm -rf "$dir/rootfs/var/cache/apt/archives/"*.deb "$dir/rootfs/var/lib/apt/lists/"*
  tar -C "$dir/rootfs" -c . | docker import -c 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$dir"
  say "imported $DEBIAN_IMAGE"
}

main() {
  timeout 10 docker info >/dev/null 2>&1 || die "no Docker engine answers 'docker info'"
  debian_image
  local target
  for target in jdk jre postgres redis prometheus alertmanager; do
    # the build cache makes this a few seconds when nothing changed
    say "building ${TARGETS[$target]}"
    DOCKER_BUILDKIT=1 docker build -q --target "$target" --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" \
      -t "${TARGETS[$target]}" "$HERE/base" >/dev/null
  done
  if [[ ${1:-} == --print ]]; then
    printf 'JDK_IMAGE=%s\nJRE_IMAGE=%s\nPOSTGRES_IMAGE=%s\nREDIS_IMAGE=%s\n' \
      "${TARGETS[jdk]}" "${TARGETS[jre]}" "${TARGETS[postgres]}" "${TARGETS[redis]}"
    printf 'PROMETHEUS_IMAGE=%s\nALERTMANAGER_IMAGE=%s\n' \
      "${TARGETS[prometheus]}" "${TARGETS[alertmanager]}"
  fi
}

main "$@"
