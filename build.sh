#!/usr/bin/env bash
# Bootstraps the build: restores the pinned Cake tool, builds the build library (precompiled, ReadyToRun)
# when its sources changed, then runs build.cake with every argument passed through. Exits with Cake's exit code.
set -euo pipefail
# Every process this script starts costs each run a few ms before Cake starts: the steps below use bash
# builtins where they can (no dirname, cat or seq), and one hashing process makes every stamp.
case ${BASH_SOURCE[0]} in */*) cd "${BASH_SOURCE[0]%/*}" ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true

[ -d .build ] || mkdir -p .build
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
# A stamp is what sha256sum prints for its files ("HASH  PATH" per line; shasum on macOS prints the same):
# the files' contents decide, never their times, since a checkout or a copy can keep a changed file's mtime.
if command -v sha256sum >/dev/null 2>&1; then hash_cmd=(sha256sum); else hash_cmd=(shasum -a 256); fi
# Reads the stamp file $1 into `stored` ("" when missing) with a builtin, not a cat process.
read_stamp() { stored=; if [ -f "$1" ]; then IFS= read -r -d '' stored < "$1" || true; fi; stored=${stored%$'\n'}; }

lib_sources=()
while IFS= read -r file; do lib_sources+=("$file"); done < <(
  find build -type f \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/bin/*' -not -path '*/obj/*' | LC_ALL=C sort)
# One hashing pass: the tool manifest's line first, build.cake's last, the library's sources between.
hashes=$("${hash_cmd[@]}" .config/dotnet-tools.json global.json "${lib_sources[@]}" build.cake)
tools_stamp=${hashes%%$'\n'*}
script_stamp=${hashes#*$'\n'}
lib_stamp=${script_stamp%$'\n'*}

# The tools stamp says the manifest was restored, but `dotnet cake` looks for the pinned Cake in the NuGet packages
# folder of whoever runs it (NUGET_PACKAGES, else ~/.nuget/packages), and another user (sudo gives root's HOME) has
# another: so Cake's package is looked for there too (a file test). When a NuGet.config names another packages folder,
# that test cannot see it: the stamp then also names the folder the run looked in, so its own next run is warm too.
read_stamp .config/dotnet-tools.json
[[ $stored =~ \"cake\.tool\"[^}]*\"version\"[[:space:]]*:[[:space:]]*\"([^\"]+)\" ]] && cake_version=${BASH_REMATCH[1]} || cake_version=unknown
packages=${NUGET_PACKAGES:-${HOME:-}/.nuget/packages}
cake_restored() { [ -f "$packages/cake.tool/$cake_version/cake.tool.$cake_version.nupkg.sha512" ]; }
unseen_stamp="$tools_stamp"$'\n'"restored where a NuGet.config says, not in $packages"
read_stamp .build/tools.stamp
if ! { [ "$stored" = "$tools_stamp" ] && cake_restored; } && [ "$stored" != "$unseen_stamp" ]; then
  dotnet tool restore >&2 9>&-
  if cake_restored; then printf '%s\n' "$tools_stamp"; else printf '%s\n' "$unseen_stamp"; fi > .build/tools.stamp
fi

read_stamp .build/lib.stamp
if [ "$stored" != "$lib_stamp" ] || [ ! -f .build/lib/Overwatch.Build.dll ]; then
  echo "Building the build library (build/Overwatch.Build)..." >&2
  # Published ReadyToRun for this machine's runtime (see the .csproj). 9>&-: the compiler servers MSBuild
  # leaves running must not inherit (and so hold) the lock.
  if ! out=$(dotnet publish build/Overwatch.Build/Overwatch.Build.csproj -c Release --use-current-runtime --self-contained false \
      -o .build/lib -nologo -v q 2>&1 9>&-); then
    printf '%s\n' "$out" >&2
    echo "error: the build library failed to compile (see above)" >&2
    exit 1
  fi
  printf '%s\n' "$lib_stamp" > .build/lib.stamp
fi

# Cake keys its script cache on build.cake's text only; a changed library must recompile it (the script
# stamp is the library's stamp plus build.cake's line). Cake writes the cache exclusively, so the run that
# recompiles keeps the lock until it ends (its lock file descriptor is inherited through exec); the runs
# after it only read the cache, which is safe together.
cake_args=()
read_stamp .build/script.stamp
if [ "$stored" != "$script_stamp" ]; then
  printf '%s\n' "$script_stamp" > .build/script.stamp
  cake_args+=(--invalidate-script-cache)
  [ "$can_hold_through_exec" = true ] || unlock
else
  unlock
fi

# `dotnet cake` is a launcher that starts Cake as its child: it passes SIGTERM on, swallows SIGINT
# and dies of SIGHUP. On a terminal, Cake runs in the foreground (interactive Shell, Ctrl-C reaches
# it directly). Elsewhere (CI, scripts, `timeout`) it runs in a process group of its own and this
# script passes every SIGTERM, SIGINT and SIGHUP it gets to that whole group, so Cake stops its
# children and removes temporary credentials; this script then exits with 128 + the signal number.
# ${a[@]+...} keeps an empty array legal under set -u on bash 3.2 (macOS).
if [ -t 0 ]; then
  exec dotnet cake build.cake ${cake_args[@]+"${cake_args[@]}"} "$@"
fi
set -m
dotnet cake build.cake ${cake_args[@]+"${cake_args[@]}"} "$@" &
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
for ((i = 0; i < 100; i++)); do kill -0 -- -"$cake" 2>/dev/null || break; sleep 0.1; done
[ "$received" -ne 0 ] && exit "$received"
exit "$status"
