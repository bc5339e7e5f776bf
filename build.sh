#!/usr/bin/env bash
# Bootstraps the build: restores the pinned Cake tool, builds the build library when its sources
# changed, then runs build.cake with every argument passed through. Exits with Cake's exit code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true

mkdir -p .build
# Runs started together share .build/ and Cake's script cache: the one-time work below (tool restore,
# library build, script compile) is done by one of them while the others wait.
if command -v flock >/dev/null 2>&1; then
  exec 9>.build/bootstrap.lock
  flock 9
  unlock() { exec 9>&-; }
  can_hold_through_exec=true
else
  # macOS has no flock: a directory is created atomically; a lock older than 10 minutes is stale.
  until mkdir .build/bootstrap.lock.d 2>/dev/null; do
    if [ -n "$(find .build/bootstrap.lock.d -maxdepth 0 -mmin +10 2>/dev/null)" ]; then rmdir .build/bootstrap.lock.d 2>/dev/null || true; fi
    sleep 0.2
  done
  trap 'rmdir .build/bootstrap.lock.d 2>/dev/null || true' EXIT
  unlock() { rmdir .build/bootstrap.lock.d 2>/dev/null || true; trap - EXIT; }
  can_hold_through_exec=false
fi
# A hash of files' contents (sha256sum on Linux, shasum on macOS).
if command -v sha256sum >/dev/null 2>&1; then hash_cmd=(sha256sum); else hash_cmd=(shasum -a 256); fi
stamp() { "${hash_cmd[@]}" "$@" | "${hash_cmd[@]}" | cut -d' ' -f1; }

tools_stamp=$(stamp .config/dotnet-tools.json)
if [ "$(cat .build/tools.stamp 2>/dev/null)" != "$tools_stamp" ]; then
  dotnet tool restore >&2 9>&-
  echo "$tools_stamp" > .build/tools.stamp
fi

# `dotnet cake` resolves the local tool on every call, a fifth of Cake's start: the Cake.dll it would run
# (the highest target framework the installed runtimes run) is found once per tool version and runtime set
# and started with `dotnet` directly. When it cannot be found, the launcher runs as before.
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)" 2>/dev/null || command -v dotnet)")
runtimes=$(ls "$dotnet_root/shared/Microsoft.NETCore.App" 2>/dev/null | tr '\n' ' ' || true)
cake_key="$tools_stamp $packages $runtimes"
if [ "$(sed -n 1p .build/cake.path 2>/dev/null)" != "$cake_key" ]; then
  version=$(grep -A2 '"cake.tool"' .config/dotnet-tools.json | sed -n 's/.*"version": *"\([^"]*\)".*/\1/p')
  major=$(printf '%s\n' $runtimes | sed -n 's/^\([0-9][0-9]*\)\..*/\1/p' | sort -n | tail -1)
  dll=
  for tfm in $(ls "$packages/cake.tool/$version/tools" 2>/dev/null | sed -n 's/^net\([0-9][0-9]*\)\.0$/\1/p' | sort -n); do
    if [ "$tfm" -le "${major:-0}" ] && [ -f "$packages/cake.tool/$version/tools/net$tfm.0/any/Cake.dll" ]; then
      dll="$packages/cake.tool/$version/tools/net$tfm.0/any/Cake.dll"
    fi
  done
  printf '%s\n%s\n' "$cake_key" "$dll" > .build/cake.path
fi
cake=(dotnet cake)
cake_dll=$(sed -n 2p .build/cake.path)
if [ -n "$cake_dll" ] && [ -f "$cake_dll" ]; then cake=(dotnet "$cake_dll"); fi

lib_sources=()
while IFS= read -r file; do lib_sources+=("$file"); done < <(
  find build -type f \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/bin/*' -not -path '*/obj/*' | LC_ALL=C sort)
lib_stamp=$(stamp global.json "${lib_sources[@]}")
if [ "$(cat .build/lib.stamp 2>/dev/null)" != "$lib_stamp" ] || [ ! -f .build/lib/Overwatch.Build.dll ]; then
  echo "Building the build library (build/Overwatch.Build)..." >&2
  # 9>&-: the compiler servers MSBuild leaves running must not inherit (and so hold) the lock.
  if ! out=$(dotnet build build/Overwatch.Build/Overwatch.Build.csproj -c Release -o .build/lib -nologo -v q 2>&1 9>&-); then
    printf '%s\n' "$out" >&2
    echo "error: the build library failed to compile (see above)" >&2
    exit 1
  fi
  echo "$lib_stamp" > .build/lib.stamp
fi

# Cake keys its script cache on build.cake's text only; a changed library must recompile it. Cake
# writes the cache exclusively, so the run that recompiles keeps the lock until it ends (its lock file
# descriptor is inherited through exec); the runs after it only read the cache, which is safe together.
cake_args=()
script_stamp=$(stamp build.cake .build/lib.stamp)
if [ "$(cat .build/script.stamp 2>/dev/null)" != "$script_stamp" ]; then
  echo "$script_stamp" > .build/script.stamp
  cake_args+=(--invalidate-script-cache)
  [ "$can_hold_through_exec" = true ] || unlock
else
  unlock
fi

# Cake runs in this script's child (`dotnet Cake.dll` hosts it in that process; the `dotnet cake` launcher
# of the fallback starts it as a grandchild, passes SIGTERM on, swallows SIGINT and dies of SIGHUP). On a terminal, Cake runs in the foreground (interactive Shell, Ctrl-C reaches
# it directly). Elsewhere (CI, scripts, `timeout`) it runs in a process group of its own and this
# script passes every SIGTERM, SIGINT and SIGHUP it gets to that whole group, so Cake stops its
# children and removes temporary credentials; this script then exits with 128 + the signal number.
# ${a[@]+...} keeps an empty array legal under set -u on bash 3.2 (macOS).
if [ -t 0 ]; then
  exec "${cake[@]}" build.cake ${cake_args[@]+"${cake_args[@]}"} "$@"
fi
set -m
"${cake[@]}" build.cake ${cake_args[@]+"${cake_args[@]}"} "$@" &
cake=$!
set +m
[ "${can_hold_through_exec:-false}" = true ] && exec 9>&-
received=0
forward() { received=$2; kill -"$1" -- -"$cake" 2>/dev/null || true; }
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM
trap 'forward HUP 129' HUP
status=0
# wait returns early whenever a trapped signal arrives: wait again until Cake has really ended.
while kill -0 "$cake" 2>/dev/null; do
  wait "$cake" && status=0 || status=$?
done
# The launcher can end before Cake has finished cleaning up; wait for the whole group, briefly.
for _ in $(seq 1 100); do kill -0 -- -"$cake" 2>/dev/null || break; sleep 0.1; done
[ "$received" -ne 0 ] && exit "$received"
exit "$status"
