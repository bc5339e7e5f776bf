#!/usr/bin/env bash
# Bootstraps the build: restores the pinned Cake tool, builds the build library when its sources
# changed, then runs build.cake with every argument passed through. Exits with Cake's exit code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true

mkdir -p .build
# A hash of files' contents (sha256sum on Linux, shasum on macOS).
if command -v sha256sum >/dev/null 2>&1; then hash_cmd=(sha256sum); else hash_cmd=(shasum -a 256); fi
stamp() { "${hash_cmd[@]}" "$@" | "${hash_cmd[@]}" | cut -d' ' -f1; }

tools_stamp=$(stamp .config/dotnet-tools.json)
if [ "$(cat .build/tools.stamp 2>/dev/null)" != "$tools_stamp" ]; then
  dotnet tool restore >&2
  echo "$tools_stamp" > .build/tools.stamp
fi

cake_args=()
lib_sources=()
while IFS= read -r file; do lib_sources+=("$file"); done < <(
  find build -type f \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/bin/*' -not -path '*/obj/*' | LC_ALL=C sort)
lib_stamp=$(stamp global.json "${lib_sources[@]}")
if [ "$(cat .build/lib.stamp 2>/dev/null)" != "$lib_stamp" ] || [ ! -f .build/lib/Overwatch.Build.dll ]; then
  echo "Building the build library (build/Overwatch.Build)..." >&2
  if ! out=$(dotnet build build/Overwatch.Build/Overwatch.Build.csproj -c Release -o .build/lib -nologo -v q 2>&1); then
    printf '%s\n' "$out" >&2
    echo "error: the build library failed to compile (see above)" >&2
    exit 1
  fi
  echo "$lib_stamp" > .build/lib.stamp
  # The script cache is keyed on build.cake's text only; a changed library must recompile it.
  cake_args+=(--invalidate-script-cache)
fi

set +e
# ${a[@]+...} keeps an empty array legal under set -u on bash 3.2 (macOS).
dotnet cake build.cake ${cake_args[@]+"${cake_args[@]}"} "$@"
exit $?
