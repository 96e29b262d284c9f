#!/usr/bin/env bash
# The cluster in real containers (issue 15): builds the images and runs the REAL docker-compose.yml on a Docker
# engine of its own, then checks it from the outside (tests/js/compose/stack-checks.mjs: health, nginx, a smoke test
# through nginx, Redis kept private, limits, and faults while bids flow). tests/js/containers.test.mjs runs it as part
# of scripts/test.sh and reports each check there. Needs root (a daemon, a network namespace, debootstrap).
#
#   scripts/compose-test.sh            everything, then cleans up; exit 0 only when every check passed
#
# What it does, in order (each step is timed in its output):
#   1. tools: dockerd, docker, compose (the v2 plugin `docker compose` when present, else docker-compose 1.29),
#      debootstrap, iptables, nsenter/unshare; missing ones are installed with apt-get (docker.io only when there is
#      no dockerd at all, so a Docker CE installation is used as it is, never replaced).
#   2. its own dockerd: in a network namespace of its own (nothing it publishes is reachable from outside it, and
#      its bridges and iptables rules never touch the machine's), a mount and PID namespace of its own (its mounts
#      and processes cannot outlive it), a private socket, data root, exec root and pid file under a temp folder
#      (--ip 127.0.0.1 for its default bridge; the compose network gets the same from the override below).
#   3. stand-in images under the official names that deploy/*.Dockerfile and docker-compose.yml use (the public
#      registries are not reachable here): a Debian bookworm minbase root filesystem from debootstrap plus this
#      machine's .NET (runtime, aspnet, sdk), and Debian's redis-server 7.0 and nginx for redis and nginx
#      (tests/compose/standins/). The root filesystems are cached in .compose-test/ (git-ignored; COMPOSE_TEST_CACHE).
#   4. a copy of the project (tracked and untracked files, nothing git-ignored: never the developer's .env or
#      keys) with fresh secrets from the project's own scripts/make-secrets.sh and scripts/make-dev-cert.sh, and
#      the silo and gateway published on this machine into it (NuGet cannot be reached from inside a container
#      here; the Dockerfiles take the output through their PREBUILT build argument).
#   5. `compose build` and `compose up -d` of docker-compose.yml plus tests/compose/docker-compose.test.yml (small:
#      the PREBUILT folders, publication minimums 0, the silos' metrics, and 127.0.0.1 as the network's default
#      binding address, so nginx's `ports` are published on 127.0.0.1 only), waits until every service is healthy.
#   6. the checks, inside the daemon's network namespace (they reach nginx at https://127.0.0.1).
#   7. cleanup, also after a failure or Ctrl-C: compose down with volumes and the images it built, the daemon by its
#      pid (then everything in its PID namespace), the network namespace, the temp folder.
#
# Settings: COMPOSE_TEST_CACHE (default .compose-test/), COMPOSE_TEST_MIRROR (Debian mirror for debootstrap,
# default http://deb.debian.org/debian), COMPOSE_TEST_CONFIGURATION (what dotnet publish builds, default Release),
# COMPOSE_TEST_KEEP=1 (keep the temp folder with the logs and the copy after the run; the daemon still stops).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

started=$SECONDS
say() { printf 'compose-test: [%4ds] %s\n' $((SECONDS - started)) "$*" >&2; }
fail() { printf 'compose-test: [%4ds] FAILED: %s\n' $((SECONDS - started)) "$*" >&2; exit 1; }
cannot() { printf 'compose-test: [%4ds] FAILED: cannot run containers on this machine: %s\n' $((SECONDS - started)) "$*" >&2; exit 1; }
declare -a timings=()
step_started=$SECONDS
step() { timings+=("$1 $((SECONDS - step_started))s"); step_started=$SECONDS; }

[ "$(id -u)" -eq 0 ] || cannot "it needs root (a Docker daemon of its own, a network namespace, debootstrap); run as root"

cache=${COMPOSE_TEST_CACHE:-$root/.compose-test}
case "$cache" in /*) ;; *) cache="$root/$cache" ;; esac
mirror=${COMPOSE_TEST_MIRROR:-http://deb.debian.org/debian}
configuration=${COMPOSE_TEST_CONFIGURATION:-Release}

# --- 1. tools ---------------------------------------------------------------------------------------------------

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
{ command -v nsenter && command -v unshare; } >/dev/null 2>&1 || missing+=(util-linux)
compose_cmd=()
if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then compose_cmd=(docker-compose)
else missing+=(docker-compose); fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  # The packages' services (a system dockerd, containerd) must not start: without a policy-rc.d of the machine's
  # own, one that denies every start is in place for the installation only.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# scripts/compose-test.sh, during its apt-get install only\nexit 101\n' >"$policy"; chmod 755 "$policy"
  fi
  installed=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null 2>&1 && installed=1
  [ -z "$policy" ] || rm -f "$policy"
  [ "$installed" -eq 1 ] || cannot "apt-get install ${missing[*]} failed"
  [ ${#compose_cmd[@]} -gt 0 ] || compose_cmd=(docker-compose)
fi
for tool in dockerd docker debootstrap iptables ip nsenter unshare dotnet node openssl; do
  command -v "$tool" >/dev/null 2>&1 || cannot "$tool is missing"
done
[ -d "$root/tests/js/node_modules/@microsoft/signalr" ] || (cd "$root/tests/js" && npm ci --no-audit --no-fund >/dev/null) \
  || fail "npm ci in tests/js failed"
say "tools: $(dockerd --version), compose: $("${compose_cmd[@]}" version --short 2>/dev/null || "${compose_cmd[@]}" version | head -n 1)"
step tools

# --- state, and cleanup whatever happens ------------------------------------------------------------------------

work=$(mktemp -d /tmp/auction-compose-test.XXXXXX)
run="$work/run"; logs="$work/logs"; project="$work/project"
mkdir -p "$run" "$logs" "$project" "$work/docker-config" "$work/data"
echo '{}' >"$work/daemon.json"
ns="auction-ct-$$"
netns_made=0
daemon_pid=""

export DOCKER_HOST="unix://$run/docker.sock" DOCKER_CONFIG="$work/docker-config" DOCKER_BUILDKIT=0 \
  COMPOSE_DOCKER_CLI_BUILD=0 COMPOSE_HTTP_TIMEOUT=300 COMPOSE_PROJECT_NAME=auction \
  COMPOSE_FILE="docker-compose.yml:tests/compose/docker-compose.test.yml"
# The values come from the project's .env only (a variable in the environment would win over it).
unset JWT_SIGNING_KEY BANK_SECRET SEALING_KEY REDIS_PASSWORD
compose() { (cd "$project" && "${compose_cmd[@]}" "$@"); }

stop_daemon() {
  [ -n "$daemon_pid" ] || return 0
  if kill -0 "$daemon_pid" 2>/dev/null; then
    # The unshare process's only child is the namespace's init (docker-init), which passes TERM on to dockerd.
    local init
    init=$(ps -o pid= --ppid "$daemon_pid" 2>/dev/null | tr -d ' ' | head -n 1)
    [ -n "$init" ] && kill -TERM "$init" 2>/dev/null
    for _ in $(seq 1 80); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$daemon_pid" 2>/dev/null; then
      say "dockerd did not stop within 40 s: kill -9 of its namespace (pid $daemon_pid)"
      kill -KILL "$daemon_pid" 2>/dev/null   # --kill-child: its init dies, and with it every process of the PID namespace
    fi
    wait "$daemon_pid" 2>/dev/null || true
    say "daemon stopped (pid $daemon_pid)"
  fi
  daemon_pid=""
}

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  if [ -n "$daemon_pid" ] && docker version >/dev/null 2>&1; then
    if [ "$status" -ne 0 ] && [ -f "$project/.env" ]; then
      say "state at the failure:"
      compose ps >&2 2>&1
      compose logs --no-color --tail 25 >&2 2>&1
    fi
    compose down --volumes --rmi local --remove-orphans --timeout 10 >"$logs/down.log" 2>&1 \
      || { say "compose down failed:"; tail -n 20 "$logs/down.log" >&2; }
    # Anything else in this private daemon (the checks' own network and one-off containers, if a check died).
    docker ps -aq | xargs -r docker rm -f >/dev/null 2>&1
    docker network prune -f >/dev/null 2>&1
    docker volume prune -f >/dev/null 2>&1
  fi
  stop_daemon
  # The daemon's mounts lived in its own mount namespace and ended with it; make sure none is left on the host.
  if grep -qF "$work/" /proc/mounts; then
    say "mounts left under $work: unmounting them"
    grep -F "$work/" /proc/mounts | awk '{ print $2 }' | sort -r | while read -r mount; do umount -l "$mount"; done
  fi
  if [ "$netns_made" -eq 1 ]; then ip netns del "$ns" 2>/dev/null || say "could not delete network namespace $ns"; fi
  if [ "${COMPOSE_TEST_KEEP:-0}" = 1 ]; then say "kept $work (logs in $logs)"; else rm -rf "$work"; fi
  timings+=("cleanup $((SECONDS - step_started))s")
  say "times: ${timings[*]}; total $((SECONDS - started))s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 2. the daemon ----------------------------------------------------------------------------------------------

ip netns add "$ns" || cannot "ip netns add failed (no network namespaces here?)"
netns_made=1
ip netns exec "$ns" ip link set lo up
init=(); command -v docker-init >/dev/null 2>&1 && init=(docker-init --)
# setsid: a session of its own, so a Ctrl-C or a TERM to this script's process group reaches the trap below, which
# stops the daemon gracefully, and not the daemon directly.
setsid nsenter --net="/run/netns/$ns" unshare --mount --propagation slave --pid --fork --mount-proc --kill-child \
  "${init[@]}" dockerd --config-file "$work/daemon.json" -H "$DOCKER_HOST" --data-root "$work/data" \
  --exec-root "$run/exec" --pidfile "$run/dockerd.pid" --ip 127.0.0.1 \
  >"$logs/dockerd.log" 2>&1 </dev/null &
daemon_pid=$!
for i in $(seq 1 120); do
  docker version >/dev/null 2>&1 && break
  kill -0 "$daemon_pid" 2>/dev/null || { tail -n 15 "$logs/dockerd.log" >&2; cannot "dockerd exited at start (log above)"; }
  [ "$i" -lt 120 ] || { tail -n 15 "$logs/dockerd.log" >&2; cannot "dockerd did not answer within 60 s"; }
  sleep 0.5
done
say "daemon up: pid $daemon_pid (namespaces of its own; network namespace $ns), socket $run/docker.sock"
step daemon

# --- 3. stand-in images -----------------------------------------------------------------------------------------

# What the root filesystems hold; a change here (or in the stand-in files) builds them anew.
base_packages=ca-certificates,libicu72,libssl3,tzdata
redis_packages=(redis-server)
nginx_packages=(nginx curl)
recipe=$(printf '%s\n' 1 "bookworm minbase $base_packages" "${redis_packages[*]}" "${nginx_packages[*]}" | sha256sum | cut -c1-16)
rootfs="$cache/rootfs-$recipe"

chroot_install() {  # chroot_install DIR PACKAGE…: apt-get inside a copy of the base (services never start: policy-rc.d)
  local dir=$1; shift
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>"$logs/rootfs.log" 2>&1
}
slim() {  # what no image needs: package lists, downloaded packages, docs, the build machine's resolver
  rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/archives/*.deb "$1"/var/cache/apt/*.bin "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/info/*
  : >"$1/etc/resolv.conf"
}

if [ ! -f "$rootfs/done" ]; then
  mkdir -p "$cache"
  exec 9>"$cache/lock"
  flock 9
  if [ ! -f "$rootfs/done" ]; then
    say "building the root filesystems (debootstrap --variant=minbase bookworm from $mirror; cached in $rootfs)"
    build="$work/rootfs-build"
    mkdir -p "$build"
    debootstrap --variant=minbase --include="$base_packages" bookworm "$build/base" "$mirror" >"$logs/rootfs.log" 2>&1 \
      || { tail -n 20 "$logs/rootfs.log" >&2; fail "debootstrap failed"; }
    printf '#!/bin/sh\n# services never start at install time (as in the official Debian images)\nexit 101\n' >"$build/base/usr/sbin/policy-rc.d"
    chmod 755 "$build/base/usr/sbin/policy-rc.d"
    cp -a "$build/base" "$build/redis"
    cp -a "$build/base" "$build/nginx"
    chroot_install "$build/redis" "${redis_packages[@]}" || { tail -n 20 "$logs/rootfs.log" >&2; fail "installing ${redis_packages[*]} failed"; }
    chroot_install "$build/nginx" "${nginx_packages[@]}" || { tail -n 20 "$logs/rootfs.log" >&2; fail "installing ${nginx_packages[*]} failed"; }
    rm -rf "$rootfs.tmp" && mkdir -p "$rootfs.tmp"
    for name in base redis nginx; do
      slim "$build/$name"
      tar --numeric-owner -C "$build/$name" -cf "$rootfs.tmp/$name.tar" .
    done
    rm -rf "$build"
    touch "$rootfs.tmp/done"
    rm -rf "$rootfs" && mv "$rootfs.tmp" "$rootfs"
    # Older recipes' root filesystems are of no use any more.
    find "$cache" -maxdepth 1 -name 'rootfs-*' ! -name "rootfs-$recipe" -exec rm -rf {} +
  fi
  exec 9>&-
  step rootfs-build
else
  say "root filesystems from the cache ($rootfs)"
fi

# The names the project uses, read from its files, so the stand-ins follow a tag change there.
from_image() { grep -hE "^FROM $1" deploy/*.Dockerfile | head -n 1 | awk '{ print $2 }'; }
sdk_image=$(from_image 'mcr.microsoft.com/dotnet/sdk:')
runtime_image=$(from_image 'mcr.microsoft.com/dotnet/runtime:')
aspnet_image=$(from_image 'mcr.microsoft.com/dotnet/aspnet:')
redis_image=$(grep -E '^\s+image: redis:' docker-compose.yml | awk '{ print $2 }')
nginx_image=$(grep -E '^\s+image: nginx:' docker-compose.yml | awk '{ print $2 }')
for image in sdk_image runtime_image aspnet_image redis_image nginx_image; do
  [ -n "${!image}" ] || fail "could not read the ${image%_image} image name from deploy/*.Dockerfile or docker-compose.yml"
done
others=$( { grep -hE '^FROM ' deploy/*.Dockerfile | awk '{ print $2 }'; grep -E '^\s+image: ' docker-compose.yml | awk '{ print $2 }'; } \
  | grep -vxF -e "$sdk_image" -e "$runtime_image" -e "$aspnet_image" -e "$redis_image" -e "$nginx_image" || true)
[ -z "$others" ] || fail "no stand-in for $(echo "$others" | tr '\n' ' ')(tests/compose/standins, scripts/compose-test.sh)"

for name in base redis nginx; do
  docker import "$rootfs/$name.tar" "compose-test/$name-rootfs:bookworm" >/dev/null || fail "docker import of $name.tar failed"
done

# .NET from this machine: the folder the dotnet on PATH lives in, the newest runtime and SDK of the images' major version.
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
major=${runtime_image##*:}; major=${major%%.*}
newest() { find "$1" -mindepth 1 -maxdepth 1 -type d -name "$major.*" -printf '%f\n' | sort -V | tail -n 1; }
runtime_version=$(newest "$dotnet_root/shared/Microsoft.NETCore.App")
aspnet_version=$(newest "$dotnet_root/shared/Microsoft.AspNetCore.App")
sdk_version=$(newest "$dotnet_root/sdk")
fxr_version=$(newest "$dotnet_root/host/fxr")
[ -n "$runtime_version" ] && [ -n "$aspnet_version" ] && [ -n "$sdk_version" ] && [ -n "$fxr_version" ] \
  || fail "no .NET $major runtime, ASP.NET Core runtime and SDK under $dotnet_root"

context() {  # context NAME PATH…: a build context with the stand-in files and the given parts of the dotnet folder
  local dir="$work/ctx/$1"; shift
  mkdir -p "$dir/dotnet"
  cp tests/compose/standins/* "$dir/"
  local part
  for part in "$@"; do
    mkdir -p "$dir/dotnet/$(dirname "$part")"
    cp -al "$dotnet_root/$part" "$dir/dotnet/$part" 2>/dev/null || cp -a "$dotnet_root/$part" "$dir/dotnet/$part"
  done
  echo "$dir"
}
build_standin() {  # build_standin TAG DOCKERFILE CONTEXT BUILD-ARG…
  local tag=$1 file=$2 dir=$3; shift 3
  local args=() arg
  for arg in "$@"; do args+=(--build-arg "$arg"); done
  docker build -q -t "$tag" -f "$dir/$file" "${args[@]}" "$dir" >>"$logs/standins.log" 2>&1 \
    || { tail -n 20 "$logs/standins.log" >&2; fail "building the stand-in $tag failed"; }
}
build_standin "$runtime_image" runtime.Dockerfile \
  "$(context runtime dotnet LICENSE.txt ThirdPartyNotices.txt "host/fxr/$fxr_version" "shared/Microsoft.NETCore.App/$runtime_version")" \
  BASE=compose-test/base-rootfs:bookworm "DOTNET_VERSION=$runtime_version"
build_standin "$aspnet_image" aspnet.Dockerfile "$(context aspnet "shared/Microsoft.AspNetCore.App/$aspnet_version")" \
  "BASE=$runtime_image" "ASPNET_VERSION=$aspnet_version"
sdk_parts=("sdk/$sdk_version")
for part in sdk-manifests packs templates metadata dnx; do [ -e "$dotnet_root/$part" ] && sdk_parts+=("$part"); done
build_standin "$sdk_image" sdk.Dockerfile "$(context sdk "${sdk_parts[@]}")" "BASE=$aspnet_image" "SDK_VERSION=$sdk_version"
build_standin "$redis_image" redis.Dockerfile "$(context redis)" BASE=compose-test/redis-rootfs:bookworm
build_standin "$nginx_image" nginx.Dockerfile "$(context nginx)" BASE=compose-test/nginx-rootfs:bookworm
rm -rf "$work/ctx"
say "stand-ins: $runtime_image ($runtime_version), $aspnet_image ($aspnet_version), $sdk_image ($sdk_version), $redis_image ($(docker run --rm --entrypoint redis-server "$redis_image" --version | grep -oE 'v=[0-9.]+')), $nginx_image ($(docker run --rm "$nginx_image" nginx -v 2>&1 | grep -oE '[0-9.]+$'))"
step images

# --- 4. the project copy, its secrets, the published services ---------------------------------------------------

if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$root" ls-files -z -c -o --exclude-standard \
    | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
    | tar --null -T - -cf - | tar -xf - -C "$project"
else
  tar --exclude=./.git --exclude=./.env --exclude='./.env.*' --exclude=./deploy/secrets --exclude=./deploy/tls \
    --exclude=./.compose-test --exclude=./.local-cluster --exclude=node_modules --exclude=bin --exclude=obj \
    -cf - . | tar -xf - -C "$project"
  cp .env.example "$project/"
fi
[ ! -e "$project/.env" ] && [ ! -e "$project/deploy/secrets" ] || fail "the copy holds secrets; it must not"
(cd "$project" && bash scripts/make-secrets.sh && bash scripts/make-dev-cert.sh) >"$logs/secrets.log" 2>&1 \
  || { cat "$logs/secrets.log" >&2; fail "scripts/make-secrets.sh or scripts/make-dev-cert.sh failed"; }
for service in silo:src/SiloHost/SiloHost.csproj gateway:src/Gateway/Gateway.csproj; do
  dotnet publish "$root/${service#*:}" -c "$configuration" -o "$project/artifacts/compose-test/${service%%:*}" --nologo -v q \
    >"$logs/publish-${service%%:*}.log" 2>&1 || { tail -n 30 "$logs/publish-${service%%:*}.log" >&2; fail "dotnet publish ${service#*:} failed"; }
done
say "project copy with fresh secrets and the published silo and gateway ($configuration) in $project"
step publish

# --- 5. compose build and up ------------------------------------------------------------------------------------

(cd "$project" && timeout 900 "${compose_cmd[@]}" build) >"$logs/build.log" 2>&1 \
  || { tail -n 40 "$logs/build.log" >&2; fail "compose build failed"; }
step build
# up waits for each depends_on condition (service_healthy) in turn: redis, the silos, the gateways, then nginx.
(cd "$project" && timeout 600 "${compose_cmd[@]}" up -d) >"$logs/up.log" 2>&1 \
  || { tail -n 40 "$logs/up.log" >&2; fail "compose up failed"; }
services=(redis silo1 silo2 gateway1 gateway2 nginx)
declare -A ids=()
for service in "${services[@]}"; do ids[$service]=$(compose ps -q "$service"); done
for i in $(seq 1 240); do
  unhealthy=()
  for service in "${services[@]}"; do
    state=$( [ -n "${ids[$service]}" ] && docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}no healthcheck{{end}}' "${ids[$service]}" 2>/dev/null || echo missing)
    [ "$state" = healthy ] || unhealthy+=("$service:$state")
  done
  [ ${#unhealthy[@]} -eq 0 ] && break
  [ "$i" -lt 240 ] || fail "not healthy within 120 s after up: ${unhealthy[*]}"
  sleep 0.5
done
say "up and healthy: ${services[*]}"
step up

# --- 6. the checks ----------------------------------------------------------------------------------------------

checks_status=0
# NODE_TEST_CONTEXT: when this script runs under node --test (tests/js/containers.test.mjs), a nested node --test
# would report to that parent's protocol instead of printing TAP here.
nsenter --net="/run/netns/$ns" env -u NODE_TEST_CONTEXT NODE_EXTRA_CA_CERTS="$project/deploy/tls/cert.pem" \
  COMPOSE_TEST_PROJECT_DIR="$project" COMPOSE_TEST_COMPOSE="${compose_cmd[*]}" \
  node --test --test-reporter=tap "$root/tests/js/compose/stack-checks.mjs" | tee "$logs/checks.tap" || checks_status=$?
step checks
[ "$checks_status" -eq 0 ] || fail "checks failed (node --test exit $checks_status)"
ran=$(grep -E '^# pass [0-9]+$' "$logs/checks.tap" | awk '{ print $3 }')
[ "${ran:-0}" -gt 0 ] && ! grep -qE '^# (fail|cancelled) [1-9]' "$logs/checks.tap" || fail "the checks did not report a pass (output above)"
say "all $ran checks passed"
