#!/usr/bin/env bash
# Builds the course image's Debian base locally, with no container registry: debootstrap (minbase)
# from the Debian mirror this machine's apt already uses, then `docker import`. Idempotent: an
# existing image of that name is kept (pass --force to rebuild it).
#   classroom/base-image.sh [--force]      → image dl-course-base:bookworm
set -euo pipefail
NAME=${CLASSROOM_BASE:-dl-course-base:bookworm}
SUITE=bookworm
if [[ ${1:-} != --force ]] && docker image inspect "$NAME" >/dev/null 2>&1; then
  echo "[base] $NAME exists (--force rebuilds it)"; exit 0
fi
for tool in debootstrap docker; do
  command -v "$tool" >/dev/null || { echo "[base] $tool is missing → sudo apt-get install debootstrap docker.io" >&2; exit 1; }
done
# The mirror apt uses here (deb822 .sources or one-line sources.list), so a school's local mirror is used too.
mirror=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1)
[[ -n $mirror ]] || mirror=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v security | head -1)
[[ -n $mirror ]] || { echo "[base] no Debian mirror found in /etc/apt/sources.list* → set one there" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "[base] debootstrap --variant=minbase $SUITE from $mirror"
debootstrap --variant=minbase "$SUITE" "$dir" "$mirror" >"$dir.log" 2>&1 || { tail -20 "$dir.log" >&2; exit 1; }
rm -f "$dir.log"
# The same mirror for apt inside the image; no package lists or caches in the layer.
echo "deb $mirror $SUITE main" >"$dir/etc/apt/sources.list"
rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin
tar -C "$dir" -c . | docker import -c 'CMD ["/bin/bash"]' -m "debootstrap $SUITE minbase" - "$NAME" >/dev/null
echo "[base] $NAME: $(docker image inspect -f '{{.Size}}' "$NAME" | awk '{printf "%.0f MB", $1/1e6}')"
