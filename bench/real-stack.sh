#!/usr/bin/env bash
# The real stack, by hand: the steps the suite's DockerImage and Compose --network=host targets take,
# on the stand-in base image, with the real supervisord, nginx, uwsgi and Flask. Checks and times:
#   1. the app image built from a git commit of the stand-in Overwatch (source copied, nothing cloned);
#      a rebuild of the same commit is fully cached, a new commit changes the source layer;
#   2. configs rendered by ./build.sh --target=RenderConfig --deployment-root=/opt/overwatch, mounted;
#      curl through the container's nginx -> uwsgi -> app answers 200 with the app's body;
#      every program RUNNING; supervisord's control port on 127.0.0.1 only; the rendered files
#      byte-identical inside; the secret 0600 inside and its value in no docker inspect / logs output;
#   3. the self-deploying start (no rendered files, only `config`) runs and reports the deploy step.
# Needs what .ci/setup installs and a running dockerd; root (files are handed to uid 2143).
# Usage: bench/real-stack.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NO_COLOR=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

fixture=tests/Overwatch.Build.Tests/Fixtures/StandIn
image=overwatch-standin-app:bench-$$
container=overwatch-realstack-bench-$$
work=$(mktemp -d /tmp/overwatch-realstack-XXXXXX)
cleanup() {
  docker rm -f "$container" "$container-self" >/dev/null 2>&1 || true
  docker rmi -f "$image" "$image-again" "$image-second" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
fail() { echo "real-stack: FAILED: $*" >&2; exit 1; }
ok() { echo "real-stack: ok: $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- the base -----------------------------------------------------------------------------------
s=$(now_ms); .ci/standin-base >/dev/null; echo "real-stack: stand-in base ready in $(( $(now_ms) - s )) ms"

# --- 1. the app image from a commit ---------------------------------------------------------------
# What DockerImage must do: the source of the planned commit into the build context, then build.
checkout="$work/checkout"
cp -r "$fixture/overwatch-src" "$checkout"
git -C "$checkout" init -q
git -C "$checkout" add -A
git -C "$checkout" -c user.name=bench -c user.email=bench@localhost commit -qm "stand-in"
build_image() { # COMMIT TAG -> prints the image id
  local context="$work/context-$1"
  rm -rf "$context"; mkdir -p "$context/overwatch-src"
  git -C "$checkout" archive "$1" | tar -x -C "$context/overwatch-src"
  cp docker/overwatch-start "$context/"
  docker build --network none -q -f "$fixture/Dockerfile" --build-arg "OVERWATCH_COMMIT=$1" \
    --label "org.opencontainers.image.revision=$1" -t "$2" "$context" 2>/dev/null
}
source_layer() { docker history --no-trunc --format '{{.CreatedBy}} {{.ID}}' "$1" | grep -m1 'COPY.*/opt/overwatch/' ; }
first=$(git -C "$checkout" rev-parse HEAD)
s=$(now_ms); build_image "$first" "$image" >/dev/null; echo "real-stack: app image built in $(( $(now_ms) - s )) ms"
s=$(now_ms); again=$(build_image "$first" "$image-again")
[ "$again" = "$(docker image inspect -f '{{.Id}}' "$image")" ] || fail "rebuilding the same commit gave another image"
ok "the same commit rebuilds fully cached ($(( $(now_ms) - s )) ms, same image id)"
sed -i 's/overwatch stand-in web app/overwatch stand-in web app, second commit/' "$checkout/overwatch/webApp/run.py"
git -C "$checkout" -c user.name=bench -c user.email=bench@localhost commit -qam "second"
second=$(git -C "$checkout" rev-parse HEAD)
build_image "$second" "$image-second" >/dev/null
[ "$(source_layer "$image")" != "$(source_layer "$image-second")" ] || fail "a new commit kept the source layer"
[ "$(docker image inspect -f '{{ index .Config.Labels "org.opencontainers.image.revision" }}' "$image-second")" = "$second" ] \
  || fail "the revision label does not name the commit"
ok "a new commit changes the source layer; the revision label names it"

# --- 2. rendered configs, mounted -------------------------------------------------------------------
port=$(free_port); control=$(free_port); stats=$(free_port)
secret_value="real-stack-secret-$RANDOM$RANDOM"
sed "s/CONTROL_PORT/$control/; s/STATS_PORT/$stats/; s/PORT/$port/" "$fixture/deploy-webapp-processing.yaml" > "$work/deploy.yaml"
deploy="$work/deploy"
realStackSecret="$secret_value" ./build.sh --target=RenderConfig --deploy-config="$work/deploy.yaml" \
  --exec-dir="$deploy/exec" --deployment-root=/opt/overwatch >/dev/null || fail "RenderConfig"
# The image runs everything as overwatch (2143), like the published ones.
chown -R 2143:2143 "$deploy"
s=$(now_ms)
docker run -d --name "$container" --network host \
  -v "$deploy/exec:/opt/overwatch/exec" -v "$deploy/config.yaml:/opt/overwatch/config.yaml:ro" "$image" >/dev/null
code=
for _ in $(seq 1 300); do
  code=$(curl -s -o "$work/body" -w '%{http_code}' -H 'Host: dev.example.org' "http://127.0.0.1:$port/" || true)
  [ "$code" = 200 ] && break
  sleep 0.05
done
[ "$code" = 200 ] || fail "no 200 from nginx on 127.0.0.1:$port (last: $code)"
grep -q "overwatch stand-in web app (commit $first)" "$work/body" || fail "unexpected body: $(cat "$work/body")"
ok "200 through nginx -> uwsgi -> app, $(( $(now_ms) - s )) ms after docker run: $(cat "$work/body")"

ctl() { docker exec "$container" supervisorctl -c /opt/overwatch/exec/config/supervisord.conf "$@"; }
for _ in $(seq 1 50); do
  status=$(ctl status || true)
  [ "$(echo "$status" | grep -c RUNNING)" = 3 ] && break
  sleep 0.1
done
echo "$status" | sed 's/^/  /'
[ "$(echo "$status" | grep -c RUNNING)" = 3 ] || fail "not every program is RUNNING"
ok "nginx, processing and webApp RUNNING"

listeners=$(ss -ltnH "sport = :$control" | awk '{print $4}')
[ "$listeners" = "127.0.0.1:$control" ] || fail "control port bound to: $listeners"
ok "supervisord's control port bound to 127.0.0.1:$control only"

while read -r file; do
  inside=$(docker exec "$container" sha256sum "/opt/overwatch/exec/${file#"$deploy/exec/"}" | cut -d' ' -f1)
  [ "$inside" = "$(sha256sum "$file" | cut -d' ' -f1)" ] || fail "$file differs inside the container"
done < <(find "$deploy/exec/config" "$deploy/exec/nginx" -type f)
ok "rendered files byte-identical inside"

mode=$(docker exec "$container" stat -c '%a %U' /opt/overwatch/exec/secrets/sshKey)
[ "$mode" = "600 overwatch" ] || fail "secret inside is $mode"
docker exec "$container" cat /opt/overwatch/exec/secrets/sshKey >/dev/null || fail "overwatch cannot read its secret"
if docker inspect "$container" "$image" | grep -q "$secret_value" || docker logs "$container" 2>&1 | grep -q "$secret_value"; then
  fail "the secret's value is in docker inspect or docker logs"
fi
ok "secret 0600, owned by overwatch, absent from docker inspect and docker logs"

s=$(now_ms); docker stop "$container" >/dev/null; echo "real-stack: docker stop in $(( $(now_ms) - s )) ms"

# --- 3. the self-deploying start -------------------------------------------------------------------
# As upstream's overwatchDeploy needs it: supervisor: true and an environment block.
config_yaml=$'supervisor: true\nenvironment: {}\nexecutables:\n    processing:\n        enabled: true\n    receiverMonitor:\n        enabled: true\n'
docker run -d --name "$container-self" -e config="$config_yaml" "$image" >/dev/null
running() { docker exec "$container-self" supervisorctl status 2>/dev/null | grep -c "RUNNING" || true; }
for _ in $(seq 1 100); do [ "$(running)" = 2 ] && break; sleep 0.1; done
docker logs "$container-self" 2>&1 | grep -q "overwatch-start: self-deploy succeeded" || fail "self-deploy: $(docker logs "$container-self" 2>&1 | tail -5)"
[ "$(running)" = 2 ] || fail "self-deploy did not start processing and overwatchReceiverMonitor"
ok "self-deploying start: programs running, then reported"
docker rm -f "$container-self" >/dev/null
docker run --name "$container-self" -e config="executables: [unclosed" "$image" >"$work/bad.log" 2>&1 && fail "a bad config left status 0"
grep -q "self-deploy FAILED" "$work/bad.log" || fail "the failed deploy step was not reported"
ok "a failing deploy step is reported and stops the container with status 1"
