# Sourced by the classroom scripts: $DOCKER is a Docker client that builds with BuildKit. Docker ≥ 23
# clients need the buildx plugin for that; Debian's docker.io 20.10 client has BuildKit built in.
if [[ -z ${DOCKER:-} ]]; then
  DOCKER=docker
  if ! docker buildx version >/dev/null 2>&1 && [[ -x /usr/bin/docker ]] && /usr/bin/docker version -f '{{.Client.Version}}' 2>/dev/null | grep -q '^20\.'; then
    DOCKER=/usr/bin/docker
  fi
fi
"$DOCKER" info >/dev/null 2>&1 || { echo "no Docker daemon answers → start it (sudo systemctl start docker, or dockerd &)" >&2; exit 1; }
