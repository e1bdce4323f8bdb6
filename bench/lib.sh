# shellcheck shell=bash
# Helpers for bench/run.sh: logging, ports, process bookkeeping, CPU accounting,
# and starting/stopping the backends (nginx, mariadbd). Sourced, not executed.

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- packages

# ensure_packages CMD:PKG ... installs the Debian packages whose command is missing.
# `apt-get update` runs only when something has to be installed.
ensure_packages() {
    local missing=() pair cmd pkg
    for pair in "$@"; do
        cmd=${pair%%:*}
        pkg=${pair#*:}
        if ! command -v "$cmd" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$cmd ]]; then
            missing+=("$pkg")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    log "installing missing packages: ${missing[*]}"
    local sudo=()
    ((EUID != 0)) && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq || die "apt-get update failed"
    # policy-rc.d / no systemd here means the packaged services are not started;
    # the bench never uses them anyway.
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" \
        || die "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------- ports

declare -a TAKEN_PORTS=()

# port_in_use PORT: true when something accepts on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port VAR: sets VAR to a port that nothing listens on, below the ephemeral range
# (32768+) so that outgoing connections of the load cannot collide with it, and not one
# handed out before (nothing listens on those yet either).
free_port() {
    local i p t
    for ((i = 0; i < 200; i++)); do
        p=$((15000 + RANDOM % 15000))
        for t in "${TAKEN_PORTS[@]}"; do [[ $t == "$p" ]] && continue 2; done
        if ! port_in_use "$p" && ! ss -Htln "sport = :$p" 2>/dev/null | grep -q .; then
            TAKEN_PORTS+=("$p")
            printf -v "$1" '%s' "$p"
            return 0
        fi
    done
    die "no free port found"
}

# wait_port PORT SECONDS PID: waits until PORT accepts, failing early if PID died.
wait_port() {
    local port=$1 secs=$2 pid=$3 i
    for ((i = 0; i < secs * 10; i++)); do
        port_in_use "$port" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# ---------------------------------------------------------------- processes

declare -a STARTED_PIDS=()

# descendants PID: prints PID's live descendants, children first. Scans /proc because
# /proc/PID/task/TID/children needs CONFIG_PROC_CHILDREN, which not every kernel has.
descendants() {
    local f line
    local -a stats=()
    for f in /proc/[0-9]*/stat; do
        read -r line <"$f" 2>/dev/null && stats+=("$line")
    done
    printf '%s\n' "${stats[@]}" | awk -v root="$1" '
        { pid = $1; rest = $0; sub(/.*\) /, "", rest); split(rest, f, " "); kids[f[2]] = kids[f[2]] " " pid }
        END { queue[1] = root; head = 1; tail = 1
              while (head <= tail) { p = queue[head++]; n = split(kids[p], c, " ")
                  for (i = 1; i <= n; i++) { print c[i]; queue[++tail] = c[i] } } }'
}

# stop_pid PID [SECONDS]: SIGTERM to PID and its descendants, SIGKILL after SECONDS.
stop_pid() {
    local pid=$1 secs=${2:-10} i
    [[ -n $pid ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    local tree
    tree=$(descendants "$pid")
    # shellcheck disable=SC2086
    kill -TERM "$pid" $tree 2>/dev/null
    for ((i = 0; i < secs * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    # shellcheck disable=SC2086
    kill -KILL "$pid" $tree 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

forget_pid() {
    local keep=() p
    for p in "${STARTED_PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
    STARTED_PIDS=("${keep[@]}")
}

stop_all() {
    local i
    for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
        stop_pid "${STARTED_PIDS[i]}" 15
    done
    STARTED_PIDS=()
}

# ---------------------------------------------------------------- accounting

CLK_TCK=$(getconf CLK_TCK)

# cpu_ticks PID: utime+stime of PID (all its threads) plus the live descendants,
# plus the reaped children's time (cutime+cstime), in clock ticks.
cpu_ticks() {
    local total=0 p stat f
    for p in "$1" $(descendants "$1"); do
        stat=$(cat /proc/"$p"/stat 2>/dev/null) || continue
        # the command name may contain spaces: fields start after the last ')'
        read -r -a f <<<"${stat##*) }"
        # f[0] is field 3 (state): utime=14 stime=15 cutime=16 cstime=17
        total=$((total + f[11] + f[12] + f[13] + f[14]))
    done
    echo "$total"
}

# rss_peak_kib PID: VmHWM of PID plus its live descendants.
rss_peak_kib() {
    local total=0 p v
    for p in "$1" $(descendants "$1"); do
        v=$(awk '/^VmHWM:/ {print $2}' /proc/"$p"/status 2>/dev/null)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

# ---------------------------------------------------------------- backends

# start_nginx DIR PORT: nginx serving DIR/www (with a 1 MiB file 1m.bin) on 127.0.0.1:PORT,
# one worker, no access log, pinned to the load generator's CPU. Sets NGINX_PID.
start_nginx() {
    local dir=$1 port=$2
    mkdir -p "$dir"/www "$dir"/tmp "$dir"/logs
    head -c 1048576 /dev/urandom >"$dir"/www/1m.bin
    printf '%063d\n' 0 >"$dir"/www/small.txt # 64 bytes: the http workloads' response
    # mktemp made the parent 0700; the worker runs as root anyway (below), but keep it readable
    chmod -R a+rX "$dir"
    cat >"$dir"/nginx.conf <<EOF
worker_processes 1;
daemon off;
master_process on;
user root;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 120s;
    default_type application/octet-stream;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
        location / { }
    }
}
EOF
    taskset -c "$LOAD_CPU" nginx -p "$dir" -e "$dir"/logs/error.log -c "$dir"/nginx.conf \
        >"$dir"/logs/stdout.log 2>&1 &
    NGINX_PID=$!
    STARTED_PIDS+=("$NGINX_PID")
    wait_port "$port" 20 "$NGINX_PID" || { tail -20 "$dir"/logs/error.log >&2; die "nginx did not start"; }
    local got
    got=$(http_content_length "$port" 1m.bin)
    [[ $got == "200 1048576" ]] || die "nginx answered '$got' for 1m.bin, expected '200 1048576'"
    log "nginx pid $NGINX_PID on 127.0.0.1:$port"
}

# http_content_length PORT PATH: status line and Content-Length of a GET, via bash's
# /dev/tcp (no curl needed), e.g. "200 1048576".
http_content_length() {
    local port=$1 path=$2 status len
    exec 4<>"/dev/tcp/127.0.0.1/$port" || { echo "0 0"; return; }
    printf 'GET /%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&4
    status=$(LC_ALL=C head -c 4096 <&4 | LC_ALL=C tr -d '\r' | LC_ALL=C awk '
        NR == 1 { st = $2 } tolower($1) == "content-length:" { len = $2 } /^$/ { exit }
        END { print st, len }')
    exec 4<&-
    echo "$status"
}

# start_mariadb DIR PORT: a private mariadbd (datadir, socket, pid in DIR) on 127.0.0.1:PORT
# with user sbtest/sbtest and database sbtest. Sets MARIADB_PID and MARIADB_SOCK.
start_mariadb() {
    local dir=$1 port=$2 mdbd install
    mdbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
    install=$(command -v mariadb-install-db || command -v mysql_install_db) || die "mariadb-install-db not found"
    mkdir -p "$dir"/data "$dir"/tmp
    local as_root=()
    ((EUID == 0)) && as_root=(--user=root)
    # --no-defaults: never read /etc/mysql, never touch the system instance
    "$install" --no-defaults "${as_root[@]}" --datadir="$dir"/data \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
        >"$dir"/install.log 2>&1 || { tail -20 "$dir"/install.log >&2; die "mariadb-install-db failed"; }
    MARIADB_SOCK=$dir/mysql.sock
    taskset -c "$LOAD_CPU" "$mdbd" --no-defaults "${as_root[@]}" --datadir="$dir"/data \
        --port="$port" --bind-address=127.0.0.1 --socket="$MARIADB_SOCK" \
        --pid-file="$dir"/mariadbd.pid --tmpdir="$dir"/tmp --log-error="$dir"/mariadbd.err \
        --skip-name-resolve --max-connections=500 --max-connect-errors=1000000 \
        --innodb-flush-log-at-trx-commit=2 \
        >"$dir"/mariadbd.out 2>&1 &
    MARIADB_PID=$!
    STARTED_PIDS+=("$MARIADB_PID")
    wait_port "$port" 60 "$MARIADB_PID" || { tail -20 "$dir"/mariadbd.err >&2; die "mariadbd did not start"; }
    local i
    for ((i = 0; i < 100; i++)); do [[ -S $MARIADB_SOCK ]] && break; sleep 0.1; done
    mariadb_root "CREATE USER 'sbtest'@'127.0.0.1' IDENTIFIED BY 'sbtest';
                  CREATE DATABASE sbtest;
                  GRANT ALL ON sbtest.* TO 'sbtest'@'127.0.0.1';" \
        || die "could not create the sbtest user"
    log "mariadbd pid $MARIADB_PID on 127.0.0.1:$port"
}

mariadb_root() {
    local client
    client=$(command -v mariadb || command -v mysql) || die "mariadb client not found"
    "$client" --no-defaults -uroot --socket="$MARIADB_SOCK" -e "$1"
}

# ---------------------------------------------------------------- figures

# run_figures NAME CLASS [MAVEN_ARGS...]: builds Haven, then runs the JUnit figures class CLASS of
# haven-it (-Dfigures=true, -Dfigures.out=$OUT, plus MAVEN_ARGS) under $BUILD_LOCK while following
# $OUT/NAME-progress.log, and prints $OUT/NAME.txt. Needs OUT, MVN_FLAGS, BUILD_LOCK; run from ROOT.
FIGURES_TAIL_PID=
stop_figures_tail() {
    [[ -n $FIGURES_TAIL_PID ]] && kill "$FIGURES_TAIL_PID" 2>/dev/null && wait "$FIGURES_TAIL_PID" 2>/dev/null
    FIGURES_TAIL_PID=
}
run_figures() {
    local name=$1 class=$2 rc
    shift 2
    trap 'rc=$?; trap - EXIT INT TERM; stop_figures_tail; exit "$rc"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    log "building Haven (waiting for $BUILD_LOCK)"
    # shellcheck disable=SC2086
    flock "$BUILD_LOCK" mvn $MVN_FLAGS install -DskipTests || die "the build failed"
    # the test JVM writes its progress there; follow it while Maven runs
    : >"$OUT/$name-progress.log"
    tail -n0 -F "$OUT/$name-progress.log" 2>/dev/null &
    FIGURES_TAIL_PID=$!
    log "measuring $name (waiting for $BUILD_LOCK)"
    # shellcheck disable=SC2086
    # -am: the modules come from this tree, not from whatever another build installed meanwhile
    flock "$BUILD_LOCK" mvn $MVN_FLAGS -pl haven-it -am test -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false \
        -Dfigures=true -Dfigures.out="$OUT" "$@"
    rc=$?
    stop_figures_tail
    ((rc == 0)) || die "the measurement failed (exit $rc); see $OUT/$name-progress.log and haven-it/target/surefire-reports/"
    [[ -s $OUT/$name.txt ]] || die "no report in $OUT/$name.txt"
    echo
    cat "$OUT/$name.txt"
}
