#!/usr/bin/env bash
# The compose topology without Docker, as local processes on loopback: redis-server (deploy/redis/redis.conf:
# AOF, appendfsync always, an ACL user with a password), two silos (src/SiloHost) and two gateways
# (src/Gateway in cluster mode). Secrets are generated once by scripts/make-secrets.sh into the state folder.
#
#   scripts/local-cluster.sh start [--demo]   build if needed, start everything, wait until both gateways are
#                                      ready (--demo: publication minimums 0, as the gateway's --demo, so the
#                                      README walkthrough runs against it)
#   scripts/local-cluster.sh status    what runs, and whether the gateways are ready
#   scripts/local-cluster.sh stop      stop exactly the processes it started (by the pids it recorded)
#
# State folder (LOCAL_CLUSTER_DIR, default .local-cluster/, git-ignored): pids/, logs/, data/redis/ (the AOF:
# listings survive a stop and start), secrets/ (.env, checkpoint-key.pem, redis.acl; kept across restarts).
# Ports (loopback only; each must be free):    LOCAL_CLUSTER_REDIS_PORT (6380), LOCAL_CLUSTER_GATEWAY_PORTS
# ("5081 5082"), LOCAL_CLUSTER_SILO_PORTS ("11121 11122"), LOCAL_CLUSTER_SILO_GATEWAY_PORTS ("30021 30022").
# LOCAL_CLUSTER_ENVIRONMENT (Development): Development serves /api/dev/tokens; Production needs an authority.
# CONFIGURATION (Debug): which build to run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

state=${LOCAL_CLUSTER_DIR:-$root/.local-cluster}
case "$state" in /*) ;; *) state="$root/$state" ;; esac
configuration=${CONFIGURATION:-Debug}
environment=${LOCAL_CLUSTER_ENVIRONMENT:-Development}
redis_port=${LOCAL_CLUSTER_REDIS_PORT:-6380}
read -r -a gateway_ports <<<"${LOCAL_CLUSTER_GATEWAY_PORTS:-5081 5082}"
read -r -a silo_ports <<<"${LOCAL_CLUSTER_SILO_PORTS:-11121 11122}"
read -r -a silo_gateway_ports <<<"${LOCAL_CLUSTER_SILO_GATEWAY_PORTS:-30021 30022}"
ready_timeout=${LOCAL_CLUSTER_READY_TIMEOUT:-120}

silo_dll="$root/src/SiloHost/bin/$configuration/net10.0/Auction.SiloHost.dll"
gateway_dll="$root/src/Gateway/bin/$configuration/net10.0/Auction.Gateway.dll"
names=(redis silo1 silo2 gateway1 gateway2)   # start order; stop goes backwards

say() { echo "local-cluster: $*"; }
die() { echo "local-cluster: $*" >&2; exit 1; }

# --- pids: "pid starttime" per process, so a pid the kernel reused for another process is never signalled ---

start_time() { [ -r "/proc/$1/stat" ] && awk '{ sub(/^.*\) /, ""); print $20 }' "/proc/$1/stat" 2>/dev/null; }

# Prints the pid recorded for $1 when that very process still runs.
running_pid() {
  local file="$state/pids/$1.pid" pid started
  [ -f "$file" ] || return 1
  read -r pid started <"$file" || return 1
  [ -n "${pid:-}" ] && [ "$(start_time "$pid")" = "${started:-}" ] || return 1
  echo "$pid"
}

# Starts "$@" detached from this terminal (its own session, so Ctrl-C here does not reach it) and records it.
launch() {
  local name=$1; shift
  setsid "$@" >"$state/logs/$name.log" 2>&1 </dev/null &
  local pid=$!
  local started=""
  for _ in 1 2 3 4 5 6 7 8 9 10; do started=$(start_time "$pid") && [ -n "$started" ] && break; sleep 0.05; done
  echo "$pid $started" >"$state/pids/$name.pid"
}

stop_one() {
  local name=$1 pid
  if ! pid=$(running_pid "$name"); then
    [ -f "$state/pids/$name.pid" ] && say "$name: not running (stale pid file $(cut -d' ' -f1 "$state/pids/$name.pid") removed, nothing signalled)"
    rm -f "$state/pids/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do running_pid "$name" >/dev/null || break; sleep 0.2; done
  if running_pid "$name" >/dev/null; then
    say "$name (pid $pid) did not stop within 20 s: kill -9"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do running_pid "$name" >/dev/null || break; sleep 0.1; done
  fi
  rm -f "$state/pids/$name.pid"
  say "stopped $name (pid $pid)"
}

stop_all() {
  local i
  for ((i = ${#names[@]} - 1; i >= 0; i--)); do stop_one "${names[$i]}"; done
}

# --- start ---

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Builds a project when its dll is missing or a source file is newer than the newest of our dlls in its output
# (a change in src/Silo rewrites Auction.Silo.dll there even when the host's own dll is unchanged).
build_if_needed() {
  local dll newest project
  for project in SiloHost Gateway; do
    dll="$root/src/$project/bin/$configuration/net10.0/Auction.$project.dll"
    newest=$(ls -t "$(dirname "$dll")"/Auction.*.dll 2>/dev/null | head -n 1 || true)
    if [ ! -f "$dll" ] || [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
        \( -name bin -o -name obj -o -name data \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' \) \
        -newer "$newest" -print -quit)" ]; then
      say "building src/$project ($configuration)"
      dotnet build "$root/src/$project/$project.csproj" -c "$configuration" --nologo -v q >"$state/logs/build-$project.log" 2>&1 \
        || { tail -n 30 "$state/logs/build-$project.log" >&2; die "the build of src/$project failed (log: $state/logs/build-$project.log)"; }
    fi
  done
}

fail_start() {
  echo "local-cluster: $*" >&2
  local name
  for name in "${names[@]}"; do
    if [ -s "$state/logs/$name.log" ]; then echo "--- last lines of $state/logs/$name.log ---" >&2; tail -n 15 "$state/logs/$name.log" >&2; fi
  done
  stop_all >&2
  exit 1
}

# Waits until $2 (a command) succeeds, failing the start when $1 stops running or time runs out.
wait_for() {
  local name=$1 what=$2; shift 2
  local until=$((SECONDS + ready_timeout))
  until "$@" >/dev/null 2>&1; do
    running_pid "$name" >/dev/null || fail_start "$name exited while waiting for $what"
    [ $SECONDS -lt $until ] || fail_start "$name: no $what within ${ready_timeout} s"
    sleep 0.5
  done
}

redis_ping() { REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h 127.0.0.1 -p "$redis_port" --user auction --no-auth-warning ping | grep -q PONG; }

start() {
  local name demo=()
  case "${1:-}" in
    --demo) demo=(Auction__Rules__MinAnnouncementDays=0 Auction__Rules__MinListingWorkingDays=0 Auction__Rules__MinApplicationLeadHours=0) ;;
    "") ;;
    *) die "start takes only --demo, not '$1'" ;;
  esac
  for name in "${names[@]}"; do
    if running_pid "$name" >/dev/null; then die "already running ($name); see '$0 status', or '$0 stop' first"; fi
  done
  command -v redis-server >/dev/null || die "redis-server is required (apt-get install -y redis-server)"
  command -v curl >/dev/null || die "curl is required (apt-get install -y curl)"
  [ ${#gateway_ports[@]} -eq 2 ] && [ ${#silo_ports[@]} -eq 2 ] && [ ${#silo_gateway_ports[@]} -eq 2 ] \
    || die "give two ports each in LOCAL_CLUSTER_GATEWAY_PORTS, LOCAL_CLUSTER_SILO_PORTS and LOCAL_CLUSTER_SILO_GATEWAY_PORTS"
  # Orleans listens with SO_REUSEPORT: a port already taken would be shared silently, not refused.
  local port
  for port in "$redis_port" "${gateway_ports[@]}" "${silo_ports[@]}" "${silo_gateway_ports[@]}"; do
    if port_in_use "$port"; then die "port $port on 127.0.0.1 is in use; choose others (see the top of $0)"; fi
  done

  mkdir -p "$state/pids" "$state/logs" "$state/data/redis"
  rm -f "$state"/pids/*.pid
  if [ ! -f "$state/secrets/.env" ]; then
    bash "$root/scripts/make-secrets.sh" --env-file "$state/secrets/.env" --secrets-dir "$state/secrets" >/dev/null
  fi
  # shellcheck disable=SC1091
  set -a; . "$state/secrets/.env"; set +a
  build_if_needed

  launch redis redis-server "$root/deploy/redis/redis.conf" --bind 127.0.0.1 --port "$redis_port" \
    --dir "$state/data/redis" --aclfile "$state/secrets/redis.acl" --daemonize no
  wait_for redis "an answer to PING as user auction" redis_ping

  local common=(
    "ASPNETCORE_ENVIRONMENT=$environment" "DOTNET_ENVIRONMENT=$environment" DOTNET_NOLOGO=1
    Auction__Mode=cluster Auction__Cluster__ClusterId=local Auction__Cluster__ServiceId=land-auction
    "Auction__Cluster__Redis=127.0.0.1:$redis_port,user=auction,password=$REDIS_PASSWORD,abortConnect=false"
    "${demo[@]}"
  )
  local i
  # The record keys go to the silos only, as in docker-compose.yml: they run the listings.
  for i in 0 1; do
    (cd "$state" && launch "silo$((i + 1))" env "${common[@]}" \
      "Auction__Sealing__Key=$SEALING_KEY" "Auction__Checkpoints__PrivateKeyPath=$state/secrets/checkpoint-key.pem" \
      "Auction__Cluster__SiloPort=${silo_ports[$i]}" "Auction__Cluster__GatewayPort=${silo_gateway_ports[$i]}" \
      Auction__Cluster__AdvertisedIp=127.0.0.1 dotnet "$silo_dll")
  done
  local dev_tokens=()
  [ "$environment" = Development ] && dev_tokens=(Auction__DevTokens=true)
  for i in 0 1; do
    (cd "$state" && launch "gateway$((i + 1))" env "${common[@]}" "${dev_tokens[@]}" \
      "Auction__Urls=http://127.0.0.1:${gateway_ports[$i]}" \
      "Auction__Jwt__SigningKey=$JWT_SIGNING_KEY" "Auction__Bank__Secret=$BANK_SECRET" dotnet "$gateway_dll")
  done
  for i in 0 1; do
    wait_for "gateway$((i + 1))" "200 from /health/ready" curl -sf "http://127.0.0.1:${gateway_ports[$i]}/health/ready"
  done

  say "up ($environment${demo:+, demo rules}), state in $state"
  for i in 0 1; do echo "  gateway$((i + 1))  http://127.0.0.1:${gateway_ports[$i]}   (REST, /hubs/listings, /health/ready)"; done
  echo "  silos     127.0.0.1:${silo_ports[0]}, 127.0.0.1:${silo_ports[1]}"
  echo "  redis     127.0.0.1:$redis_port   (user auction; password and other secrets in $state/secrets/.env)"
  echo "  logs      $state/logs/"
  [ "$environment" = Development ] && echo "  tokens    POST /api/dev/tokens (Development only)"
  echo "  stop with: $0 stop"
}

status() {
  local name pid all=0 i
  for name in "${names[@]}"; do
    if pid=$(running_pid "$name"); then echo "$name: running (pid $pid)"; else echo "$name: stopped"; all=1; fi
  done
  for i in 0 1; do
    if running_pid "gateway$((i + 1))" >/dev/null; then
      echo "gateway$((i + 1)) http://127.0.0.1:${gateway_ports[$i]}/health/ready: $(curl -s -m 5 "http://127.0.0.1:${gateway_ports[$i]}/health/ready" || echo 'no answer')"
    fi
  done
  return $all
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) [ -d "$state/pids" ] || { say "nothing to stop ($state/pids does not exist)"; exit 0; }; stop_all ;;
  status) status ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
