#!/usr/bin/env bash
# Builds the course image from a git commit of this project (default HEAD), behind a TLS proxy if any:
#   classroom/build-image.sh [--no-cache] [COMMIT]     → images dl-course:<short commit> and dl-course:latest
# 1. the Debian base, made locally (classroom/base-image.sh: no registry needed);
# 2. the build context: the commit's files (git archive), plus .wheels/ with the wheels this machine's
#    pip finds locally (its find-links folders), so a pinned wheel already on disk is not downloaded again;
# 3. docker build with BuildKit and the CA bundle as the secret `ca` (CLASSROOM_CA, default the system
#    bundle): npm and pip trust the proxy during the build, and no layer of the image holds the bundle.
# Prints "build time: N s" and "image size: N MB".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
no_cache=()
commit=HEAD
for arg in "$@"; do
  case $arg in
    --no-cache) no_cache=(--no-cache) ;;
    -*) echo "unknown option $arg → classroom/build-image.sh [--no-cache] [COMMIT]" >&2; exit 1 ;;
    *) commit=$arg ;;
  esac
done
source "$here/docker-client.sh"
started=$(date +%s)
"$here/base-image.sh"
sha=$(git -C "$root" rev-parse --short=12 "$commit^{commit}")
[[ -z $(git -C "$root" status --porcelain) || $commit != HEAD ]] || echo "[image] note: uncommitted changes are not in the image (it is built from $sha)"
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
git -C "$root" archive "$sha" | tar -x -C "$ctx"
mkdir -p "$ctx/.wheels"
links=${PIP_FIND_LINKS:-$(pip3 config get global.find-links 2>/dev/null || true)}
for dir in $links; do
  dir=${dir#file://}
  [[ -d $dir ]] && find "$dir" -maxdepth 1 -name '*.whl' -exec cp {} "$ctx/.wheels/" \;
done
ca=${CLASSROOM_CA:-/etc/ssl/certs/ca-certificates.crt}
echo "[image] building dl-course:$sha from $commit ($(ls "$ctx/.wheels" | wc -l) local wheels, CA bundle $ca as a build secret)"
DOCKER_BUILDKIT=1 "$DOCKER" build "${no_cache[@]}" --progress=plain --secret "id=ca,src=$ca" \
  --label "org.opencontainers.image.revision=$(git -C "$root" rev-parse "$sha")" \
  -t "dl-course:$sha" -t dl-course:latest -f "$ctx/classroom/Dockerfile" "$ctx"
seconds=$(( $(date +%s) - started ))
bytes=$("$DOCKER" image inspect -f '{{.Size}}' "dl-course:$sha")
echo "build time: $seconds s"
echo "image size: $(awk -v b="$bytes" 'BEGIN {printf "%.0f MB", b/1e6}')"
# For bench/classroom.ts: the last build's commit, time and size.
mkdir -p "$here/.state"
printf '{"commit": "%s", "seconds": %d, "bytes": %d, "cleanCache": %s}\n' "$sha" "$seconds" "$bytes" "$([[ ${#no_cache[@]} -gt 0 ]] && echo true || echo false)" >"$here/.state/last-build.json"
