#!/usr/bin/env bash
# A realistic image pipeline, measured side by side in one run (alternating, median of N runs each):
#   the seed's way: a shell script that, per Python version in sequence, pulls the previous app image, builds
#     with --cache-from, tags and pushes (what .travis.yml did), its base pulled by the build's FROM;
#   ./build.sh --target=Publish;
# after the same app-only change, cold (a fresh CI runner: the engine emptied of these images and, under BuildKit,
# of the build cache of these steps) and warm (the previous run's images still there), and a re-run of the same
# commit on a fresh runner. The fixture: three Python versions whose base images have large layers (one of SHARED_MB,
# default 60, all share; one of BASE_MB, default 220, per version, both made by RUN as upstream's are) and an app
# image with a dependency step hashing DEPS_MB with sha256 (default 2600: ~20 s of CPU here, standing in for pip,
# bower and the CMake build; 0 makes it instant) and an 8 MB source layer that changes every run, against a local
# docker-registry with htpasswd that already holds the base images and each side's previous app images (each side its
# own repository, as a project runs one pipeline: the seed's images carry no BuildKit cache).
# Also, cold, the pulls alone (every base and previous image at once, no build, no push): what no pipeline beats.
# Prints times, ratios and the bytes pulled (blob downloads in the registry's access log) and pushed (growth of
# its blob store). Needs what .ci/setup installs; removes only its own images and build cache.
# ENGINE=legacy (default: the default dockerd, DOCKER_BUILDKIT=0), buildkit or containerd (the Engine 26 daemons of
# .ci/engines, BuildKit).
# Usage: [ENGINE=buildkit] bench/realistic.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3}
base_mb=${BASE_MB:-220}
shared_mb=${SHARED_MB:-60}
deps_mb=${DEPS_MB:-2600}
engine=${ENGINE:-legacy}
case $engine in
  legacy) export DOCKER_BUILDKIT=0; unset DOCKER_HOST ;;
  buildkit|containerd) export DOCKER_HOST=unix:///run/owb-engines/$engine.sock; unset DOCKER_BUILDKIT ;;
  *) echo "bench: ENGINE=$engine: expected legacy, buildkit or containerd" >&2; exit 2 ;;
esac
pythons=(2.7.15 3.6.7 3.7.1)
export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CAKE_SETTINGS_ENABLESCRIPTCACHE=true
unset TRAVIS GITHUB_ACTIONS GITLAB_CI DOCKER_USERNAME DOCKER_PASSWORD

work=$(mktemp -d /tmp/overwatch-bench-XXXXXX)
registry_pid=
port=
# Every image of this run carries the label (the base sets it, the app images inherit it): tagged or not, e.g. an
# app image a rebuild untagged, which would otherwise keep the base layers in the engine.
ours() { docker images -a -q --filter "label=overwatch-bench=${port:-0}" | sort -u; }
# Children before parents: a few rounds of removal empty the engine of this run's images. Under BuildKit also its
# build cache of this run's steps (their text holds bench-PORT) and of what was built on them, leaves first.
empty_engine() {
  for _ in 1 2 3; do ours | xargs -r docker rmi -f >/dev/null 2>&1 || true; done
  [ "$engine" = legacy ] && return
  local ids
  for _ in $(seq 10); do
    ids=$(docker buildx du --verbose 2>/dev/null | python3 -c '
import sys
blocks = [dict(l.split(":", 1) for l in b.splitlines() if ":" in l) for b in sys.stdin.read().split("\n\n")]
records = [{k.strip(): v.strip() for k, v in b.items()} for b in blocks if "ID" in b]
mine = {r["ID"] for r in records if sys.argv[1] in r.get("Description", "")}
while True:
    more = {r["ID"] for r in records if r.get("Parent") in mine} - mine
    if not more: break
    mine |= more
print(" ".join(i for i in mine if not any(r.get("Parent") == i and r["ID"] in mine for r in records)))
' "bench-${port:-0}")
    [ -z "$ids" ] && return
    for id in $ids; do docker builder prune -af --filter "id=$id" >/dev/null 2>&1 || true; done
  done
}
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  empty_engine
  [ -n "${KEEP_WORK:-}" ] && echo "bench: kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

source bench/lib.sh
mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b/1048576}'; }

# --- the registry: htpasswd auth, access log for the bytes pulled ----------------------------------------------
start_registry
pulled_bytes() { { grep -oE '"GET [^"]*/blobs/sha256:[^"]*" 200 [0-9]+' "$work/registry.log" || true; } | awk '{s+=$NF} END {printf "%.0f\n", s}'; }
stored_bytes() { du -sb "$work/registry" 2>/dev/null | cut -f1 || echo 0; }

# --- the fixture ------------------------------------------------------------------------------------------------
# Laid out like the Overwatch repository's docker/ folder: the base's large layers come from RUN steps (upstream
# downloads and compiles Python, XRootD and ROOT), not from context files, so both sides send the daemon a small
# context. A layer all versions share (the distribution, built once) and one of BASE_MB per Python version.
fixture="$work/images"
mkdir -p "$fixture/base" "$fixture/app/overwatch"
cp "$(command -v busybox)" "$fixture/base/busybox"
cat > "$fixture/Dockerfile.build" <<EOF
# Bench base: busybox, a shared layer standing in for Debian, and per Python version one for Python, XRootD and ROOT.
FROM scratch
LABEL overwatch-bench=$port
COPY busybox /bin/busybox
COPY busybox /bin/sh
RUN busybox mkdir -p /opt && busybox head -c ${shared_mb}m /dev/urandom > /opt/distribution.bin # bench-$port
ARG PYTHON_VERSION
RUN echo "python \$PYTHON_VERSION" > /opt/python.txt && busybox head -c ${base_mb}m /dev/urandom > /opt/root.bin # bench-$port
ENV PYTHON_VERSION=\${PYTHON_VERSION}
EOF
cat > "$fixture/Dockerfile" <<EOF
# Bench app: its dependencies (reused from the previous image), then the Overwatch source, which changes between runs.
ARG BASE_IMAGE
FROM \${BASE_IMAGE}
ARG PYTHON_VERSION
RUN busybox head -c ${deps_mb}m /dev/zero | busybox sha256sum > /opt/dependencies.sum && busybox head -c 16m /dev/urandom > /opt/dependencies.bin # bench-$port
EOF
cat >> "$fixture/Dockerfile" <<'EOF'
ARG OVERWATCH_COMMIT
ARG OVERWATCH_BRANCH
ENV OVERWATCH_COMMIT=${OVERWATCH_COMMIT} OVERWATCH_BRANCH=${OVERWATCH_BRANCH}
COPY overwatch/ /opt/overwatch/
CMD ["/bin/sh", "-c", "echo python $PYTHON_VERSION overwatch $OVERWATCH_COMMIT$OVERWATCH_BRANCH"]
EOF
cat > "$fixture/images.yaml" <<EOF
registry: 127.0.0.1:$port
namespace: bench
source: https://example.org/overwatch-bench
pythonVersions: [$(IFS=,; echo "${pythons[*]}" | sed 's/,/, /g')]
base: {name: overwatch-base, dockerfile: Dockerfile.build, context: base}
app: {name: overwatch, dockerfile: Dockerfile, context: app}
EOF
change_app() { head -c 8M /dev/urandom > "$fixture/app/overwatch/overwatch.bin"; date +%s%N > "$fixture/app/overwatch/version.txt"; }

repo="127.0.0.1:$port/bench/overwatch"
seed_repo="127.0.0.1:$port/seed/overwatch"
base_repo="127.0.0.1:$port/bench/overwatch-base"
args=(--images-config="$fixture/images.yaml" --branch=master)

# The seed's .travis.yml, per Python version in sequence; the build's FROM pulls the base when it is missing.
seed_publish() {
  local cfg; cfg=$(mktemp -d)
  DOCKER_CONFIG=$cfg docker login -u "$user" --password-stdin "127.0.0.1:$port" <<<"$password"
  for py in "${pythons[@]}"; do
    DOCKER_CONFIG=$cfg docker pull "$seed_repo:latest-py$py" || true
    DOCKER_CONFIG=$cfg docker build -f "$fixture/Dockerfile" --cache-from "$seed_repo:latest-py$py" \
      --build-arg "BASE_IMAGE=$base_repo:py$py" --build-arg "PYTHON_VERSION=$py" --build-arg OVERWATCH_BRANCH=master \
      -t "$seed_repo:latest-py$py" -t "$seed_repo:master-py$py" "$fixture/app"
    DOCKER_CONFIG=$cfg docker push "$seed_repo:latest-py$py"
    DOCKER_CONFIG=$cfg docker push "$seed_repo:master-py$py"
  done
  DOCKER_CONFIG=$cfg docker logout "127.0.0.1:$port"
  rm -rf "$cfg"
}
# No pipeline can be faster cold than getting what it builds on: every base and previous image, all pulled at once.
pulls_publish() {
  local cfg; cfg=$(mktemp -d)
  DOCKER_CONFIG=$cfg docker login -u "$user" --password-stdin "127.0.0.1:$port" <<<"$password"
  local pids=()
  for py in "${pythons[@]}"; do
    DOCKER_CONFIG=$cfg docker pull -q "$base_repo:py$py" & pids+=($!)
    DOCKER_CONFIG=$cfg docker pull -q "$seed_repo:latest-py$py" & pids+=($!)
  done
  wait "${pids[@]}"   # not the registry, also a child of this script
  rm -rf "$cfg"
}
suite_publish() { DOCKER_USERNAME=$user DOCKER_PASSWORD=$password ./build.sh --target=Publish --skip-smoke-test "${args[@]}"; }

echo "bench: engine $engine ($(docker version --format '{{.Server.Version}}')), dependency step sha256 of ${deps_mb} MB, base layers ${shared_mb} MB shared + ${base_mb} MB per version, 8 MB source layer, Pythons ${pythons[*]}, $runs runs per side (median, alternating)" >&2
s=$(now_ms)
# One version at a time, so the shared layer is built once and the later versions take it from the cache.
DOCKER_USERNAME=$user DOCKER_PASSWORD=$password ./build.sh --target=PublishBase --parallel=1 "${args[@]}" >"$work/setup.log" 2>&1 \
  || { cat "$work/setup.log" >&2; echo "bench: PublishBase failed" >&2; exit 1; }
change_app; seed_publish >/dev/null 2>&1 || { echo "bench: the seed's script failed" >&2; exit 1; }
change_app; suite_publish >/dev/null 2>&1 || { echo "bench: Publish failed" >&2; exit 1; }
echo "bench: set up in $(( $(now_ms) - s )) ms (base images built and pushed, previous app images in the registry)" >&2

declare -A times pulls pushes
measure() { # MODE SIDE
  [ "$1" = rerun ] || change_app
  [ "$1" = warm ] || empty_engine
  local p0 s0 t0; p0=$(pulled_bytes); s0=$(stored_bytes); t0=$(now_ms)
  "$2_publish" >"$work/$1-$2.log" 2>&1 || { tail -20 "$work/$1-$2.log" >&2; echo "bench: $2 ($1) failed" >&2; exit 1; }
  local t=$(( $(now_ms) - t0 ))
  times[$1-$2]+="$t "; pulls[$1-$2]+="$(( $(pulled_bytes) - p0 )) "; pushes[$1-$2]+="$(( $(stored_bytes) - s0 )) "
  echo "bench: $1 $2: $t ms" >&2
}
for i in $(seq "$runs"); do
  sides=(seed suite pulls)
  (( i % 2 )) || sides=($(printf '%s\n' "${sides[@]}" | tac))
  # Each side's re-run of the same commit and its warm run right after its own cold run: its registry images were built
  # from this source, and its own images and build cache are the warm engine's (another side's cold run empties both).
  for side in "${sides[@]}"; do
    measure cold "$side"
    [ "$side" = pulls ] || { measure rerun "$side"; measure warm "$side"; }
  done
done

med() { tr ' ' '\n' <<<"$1" | grep . | median; }
printf '%-6s %-42s %9s %11s %11s\n' mode command "ms" "MB pulled" "MB pushed"
for mode in cold rerun warm; do
  for side in seed suite; do
    name=$([ "$side" = seed ] && echo "seed's script (pull, build --cache-from, push)" || echo "./build.sh --target=Publish")
    printf '%-6s %-42s %9s %11s %11s\n' "$mode" "${name:0:42}" "$(med "${times[$mode-$side]}")" \
      "$(mb "$(med "${pulls[$mode-$side]}")")" "$(mb "$(med "${pushes[$mode-$side]}")")"
  done
done
printf '%-6s %-42s %9s %11s\n' cold "the same pulls alone, all at once (floor)" "$(med "${times[cold-pulls]}")" "$(mb "$(med "${pulls[cold-pulls]}")")"
printf '%-49s %9s\n' "ratio pulls alone / seed's script, cold" "$(ratio "$(med "${times[cold-pulls]}")" "$(med "${times[cold-seed]}")")"
for mode in cold rerun warm; do
  printf '%-49s %9s\n' "ratio Publish / seed's script, $mode" "$(ratio "$(med "${times[$mode-suite]}")" "$(med "${times[$mode-seed]}")")"
done
