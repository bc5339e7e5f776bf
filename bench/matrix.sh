#!/usr/bin/env bash
# Publish of three fixture Python versions one after another (--parallel=1) against side by side
# (--parallel=3), warm (bases built, everything pushed once), alternating, median of N runs each:
#   unchanged: nothing changed since the last push (every layer already in the registry)
#   app change: the app layer (8 MB of random bytes) changes before every run, so each version builds and pushes it
# Needs what .ci/setup installs and a running dockerd. Usage: bench/matrix.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CAKE_SETTINGS_ENABLESCRIPTCACHE=true
unset TRAVIS GITHUB_ACTIONS GITLAB_CI GITHUB_STEP_SUMMARY

work=$(mktemp -d)
source bench/lib.sh
trap clean_up_run EXIT

start_registry

copy_fixture_images "$work"
args=(--images-config="$work/images.yaml" --registry="127.0.0.1:$port" --image-namespace=matrix --branch=master
      --python-version=2.7.15 --python-version=3.6.7 --python-version=3.7.1 --artifacts-dir="$work/artifacts")
export DOCKER_USERNAME=$user DOCKER_PASSWORD=$password
./build.sh --target=DockerBase "${args[@]}" >/dev/null
./build.sh --target=Publish --skip-smoke-test "${args[@]}" >/dev/null           # warm: everything pushed once

change_app() { head -c 8388608 /dev/urandom > "$work/app.txt"; }
declare -A times
for mode in unchanged change; do
  for parallel in 1 3; do times[$mode-$parallel]=""; done
  for _ in $(seq "$runs"); do
    for parallel in 1 3; do
      [ "$mode" = change ] && change_app
      times[$mode-$parallel]+="$(time_ms ./build.sh --target=Publish --skip-smoke-test "${args[@]}" --parallel=$parallel) "
    done
  done
done

echo "runs per command: $runs (median, alternating); $(nproc) cores; 3 Python versions, 2 tags each"
for mode in unchanged change; do
  seq_ms=$(printf '%s\n' ${times[$mode-1]} | median); par_ms=$(printf '%s\n' ${times[$mode-3]} | median)
  label=$([ "$mode" = change ] && echo "app layer changed (8 MB)" || echo "unchanged")
  printf '%-28s --parallel=1 %6s ms   --parallel=3 %6s ms   ratio %s\n' "$label" "$seq_ms" "$par_ms" "$(ratio "$par_ms" "$seq_ms")"
done
