#!/usr/bin/env bash
# Prints, measured side by side in one run (alternating, median of N runs each):
#   1. ./build.sh --target=Plan  vs  Cake's floor (dotnet cake on an empty script)
#   2. a warm ./build.sh --target=Publish of the fixture images  vs  the same docker commands in plain shell
# Needs what .ci/setup installs and a running dockerd. Usage: bench/ratios.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CAKE_SETTINGS_ENABLESCRIPTCACHE=true
unset TRAVIS GITHUB_ACTIONS GITLAB_CI

work=$(mktemp -d)
source bench/lib.sh
trap clean_up_run EXIT

# --- 1. Plan vs Cake's floor ------------------------------------------------------------------
mkdir -p "$work/floor"
echo 'Task("Default").Does(() => {}); RunTarget("Default");' > "$work/floor/empty.cake"
./build.sh --target=Plan --branch=master >/dev/null          # warm: tool restored, library built, script cached
dotnet cake "$work/floor/empty.cake" >/dev/null
plan=(); floor=()
for _ in $(seq "$runs"); do
  plan+=("$(time_ms ./build.sh --target=Plan --branch=master)")
  floor+=("$(time_ms dotnet cake "$work/floor/empty.cake")")
done
plan_ms=$(printf '%s\n' "${plan[@]}" | median); floor_ms=$(printf '%s\n' "${floor[@]}" | median)

# --- 2. warm Publish vs plain docker commands -------------------------------------------------
start_registry

copy_fixture_images "$work"
args=(--images-config="$work/images.yaml" --registry="127.0.0.1:$port" --image-namespace=bench --branch=master)
export DOCKER_USERNAME=$user DOCKER_PASSWORD=$password
./build.sh --target=DockerBase "${args[@]}" >/dev/null
./build.sh --target=Publish --skip-smoke-test "${args[@]}" >/dev/null           # warm: everything pushed once

# The same labels the suite puts on the images, so both sides build identical (cached) layers.
labels=(--label "org.opencontainers.image.created=$(date -u -d "@$(git log -1 --format=%ct)" +%Y-%m-%dT%H:%M:%SZ)"
        --label "org.opencontainers.image.revision=$(git rev-parse HEAD)"
        --label "org.opencontainers.image.source=https://example.org/overwatch-fixture"
        --label "org.opencontainers.image.version=latest")
plain_publish() {
  local cfg; cfg=$(mktemp -d)
  # Its own repository: its images lack the inputs label of ours, and sharing tags would make each side rebuild the other's.
  local repo="127.0.0.1:$port/bench/plain"
  DOCKER_CONFIG=$cfg docker login -u "$user" --password-stdin "127.0.0.1:$port" <<<"$password"
  for py in 2.7.15 3.6.7; do
    DOCKER_CONFIG=$cfg docker pull -q "$repo:latest-py$py" || true
    DOCKER_CONFIG=$cfg docker build -f "$work/Dockerfile" --cache-from "$repo:latest-py$py" \
      --build-arg "BASE_IMAGE=127.0.0.1:$port/bench/overwatch-base:py$py" --build-arg "PYTHON_VERSION=$py" \
      --build-arg "OVERWATCH_COMMIT=$(git rev-parse HEAD)" "${labels[@]}" -t "$repo:latest-py$py" -t "$repo:master-py$py" "$work"
    DOCKER_CONFIG=$cfg docker push "$repo:latest-py$py"
    DOCKER_CONFIG=$cfg docker push "$repo:master-py$py"
  done
  DOCKER_CONFIG=$cfg docker logout "127.0.0.1:$port"
  rm -rf "$cfg"
}
plain_publish >/dev/null 2>&1
publish=(); plain=()
for _ in $(seq "$runs"); do
  publish+=("$(time_ms ./build.sh --target=Publish --skip-smoke-test "${args[@]}")")
  plain+=("$(time_ms plain_publish)")
done
publish_ms=$(printf '%s\n' "${publish[@]}" | median); plain_ms=$(printf '%s\n' "${plain[@]}" | median)

echo "runs per command: $runs (median, alternating)"
printf '%-48s %6s ms\n' "./build.sh --target=Plan" "$plan_ms" "dotnet cake empty.cake (Cake's floor)" "$floor_ms"
printf '%-48s %6s\n' "ratio Plan / Cake floor" "$(ratio "$plan_ms" "$floor_ms")"
printf '%-48s %6s ms\n' "./build.sh --target=Publish (warm, 2 Pythons)" "$publish_ms" "same docker commands from plain shell" "$plain_ms"
printf '%-48s %6s\n' "ratio Publish / plain shell" "$(ratio "$publish_ms" "$plain_ms")"
