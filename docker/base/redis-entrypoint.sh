#!/bin/sh
# As the official redis image: a bare `redis-server ...` listens on the container's network
# (protected mode off unless the arguments say otherwise).
set -eu
if [ "${1:-}" = redis-server ]; then
  case " $* " in
    *" --protected-mode "*) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
fi
exec "$@"
