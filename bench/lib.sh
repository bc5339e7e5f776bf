# What the benchmarks share; sourced by each of them once `work` (their temporary directory) is set.

now_ms() { date +%s%3N; }
time_ms() { local s; s=$(now_ms); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; echo "bench: command failed: $*" >&2; exit 1; }; echo $(( $(now_ms) - s )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

# A docker-registry with htpasswd on a free loopback port, storing under $work/registry and logging (access log
# included, for the bytes pulled) to $work/registry.log. Sets port, user, password and registry_pid.
start_registry() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  user=bench password=bench-password-not-secret
  htpasswd -Bbn "$user" "$password" > "$work/htpasswd"
  cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: warn, accesslog: {disabled: false}}
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: 127.0.0.1:$port}
auth: {htpasswd: {realm: bench, path: $work/htpasswd}}
YAML
  docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 & registry_pid=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
}

# Every image of this run's registry, tagged or not (an image a rebuild untagged keeps its repository name), so a
# benchmark leaves nothing behind in the engine. Rounds, because a child image holds its parent.
remove_registry_images() {
  for _ in 1 2 3; do
    docker images -a --format '{{.ID}} {{.Repository}}' | awk -v r="127.0.0.1:${port:-0}/" 'index($2, r) == 1 {print $1}' \
      | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
  done
}

# The end of a benchmark on the fixture images: its registry stopped, its images and $work removed.
clean_up_run() {
  [ -n "${registry_pid:-}" ] && kill "$registry_pid" 2>/dev/null || true
  remove_registry_images
  rm -rf "$work"
}

# The tests' FROM-scratch fixture images (Dockerfiles, images file, app file) and a static busybox, into $1.
copy_fixture_images() {
  local fixtures=tests/Overwatch.Build.Tests/Fixtures/Images
  cp "$fixtures"/Dockerfile* "$fixtures/images.yaml" "$fixtures/app.txt" "$1/"
  cp "$(command -v busybox)" "$1/busybox"
}
