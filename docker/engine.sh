#!/usr/bin/env bash
# A Docker engine with Compose v2 on a Debian host that has none, for CI and for operators on a
# bare Debian bookworm machine. Needs root and Debian's package mirror; changes nothing when an
# engine and Compose v2 are already there.
#   docker/engine.sh install   docker.io (the engine), Compose v2, buildx, debootstrap
#   docker/engine.sh start     start dockerd in the background unless an engine answers; prints
#                              "started" when this call started it (so the caller can stop it)
#   docker/engine.sh stop      stop the dockerd that 'start' started
# Compose v2 and buildx are not packaged for bookworm: they come from Debian trixie (docker-compose
# 2.26 and docker-buildx 0.13 need only libc6 >= 2.34), with trixie pinned low (priority 100) so
# that no other package moves.
set -euo pipefail

PIDFILE=/run/smart-assistant-dockerd.pid
LOG=/var/log/smart-assistant-dockerd.log

say() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] error: %s\n' "$*" >&2; exit 1; }

need_root() { [[ $(id -u) -eq 0 ]] || die "run as root (or install docker.io and Compose v2 yourself)"; }

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

install() {
  local fresh_index=false
  if ! command -v dockerd >/dev/null 2>&1; then
    need_root
    command -v apt-get >/dev/null 2>&1 || die "no dockerd and no apt-get: install a Docker engine (https://docs.docker.com/engine/install/)"
    say "installing the Docker engine (docker.io)"
    apt-get update -q >/dev/null
    fresh_index=true
    apt_install docker.io
  fi
  if ! docker compose version >/dev/null 2>&1; then
    need_root
    if [[ -f /etc/os-release ]] && grep -q '^VERSION_CODENAME=bookworm' /etc/os-release; then
      say "installing Compose v2 from Debian trixie (pinned low: nothing else moves)"
      if [[ ! -f /etc/apt/sources.list.d/trixie.sources ]]; then
        cat >/etc/apt/sources.list.d/trixie.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
        cat >/etc/apt/preferences.d/trixie-low <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
        fresh_index=false
      fi
      $fresh_index || apt-get update -q >/dev/null
      fresh_index=true
      apt_install docker-compose/trixie
    else
      $fresh_index || apt-get update -q >/dev/null
      fresh_index=true
      apt_install docker-compose-plugin 2>/dev/null || apt_install docker-compose-v2 2>/dev/null ||
        die "Compose v2 not found in this host's packages: install the docker compose plugin"
    fi
    docker compose version >/dev/null 2>&1 || die "Compose v2 did not install ('docker compose version' fails)"
  fi
  if ! docker buildx version >/dev/null 2>&1; then
    # BuildKit (cache mounts, parallel stages) comes with buildx for Docker CLIs newer than 23
    need_root
    $fresh_index || apt-get update -q >/dev/null
    fresh_index=true
    say "installing buildx (BuildKit for the docker CLI)"
    if grep -qs '^VERSION_CODENAME=bookworm' /etc/os-release; then
      apt_install docker-buildx/trixie
    else
      apt_install docker-buildx-plugin 2>/dev/null || apt_install docker-buildx ||
        die "buildx not found in this host's packages: install the docker buildx plugin"
    fi
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    need_root
    $fresh_index || apt-get update -q >/dev/null
    say "installing debootstrap (it builds the stand-in base images)"
    apt_install debootstrap
  fi
  say "$(docker --version); $(docker compose version); buildx $(docker buildx version | awk '{print $2}')"
}

start() {
  if timeout 10 docker info >/dev/null 2>&1; then
    say "an engine answers already"
    return 0
  fi
  need_root
  command -v dockerd >/dev/null 2>&1 || die "no dockerd: run '$0 install' first"
  say "starting dockerd (log: $LOG)"
  nohup dockerd >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 60); do
    if timeout 5 docker info >/dev/null 2>&1; then
      echo started
      return 0
    fi
    sleep 1
  done
  tail -n 20 "$LOG" >&2 || true
  die "dockerd did not answer within 60 s"
}

stop() {
  [[ -f $PIDFILE ]] || { say "no dockerd started by this script"; return 0; }
  local pid
  pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping dockerd ($pid)"
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$PIDFILE"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 install|start|stop" ;;
esac
