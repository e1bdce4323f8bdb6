#!/usr/bin/env bash
# Haven vs HAProxy side by side: both read ONE haproxy-syntax config, each runs pinned to
# one CPU while the load generators and backends share the other. See bench/README.md.
#
#   bench/run.sh                  # haproxy, haven, haproxy, haven ...
#   bench/run.sh --only haproxy   # just HAProxy (also ONLY=haproxy)
#   ROUNDS=5 DURATION=30 WARMUP=10 bench/run.sh
#   WORKLOADS="http httpclose" bench/run.sh   # mode http: keep-alive, and a new connection per request
#   WORKLOADS=httplua bench/run.sh            # mode http with a Lua action on every request
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

ROUNDS=${ROUNDS:-2}            # alternations of (haproxy, haven)
DURATION=${DURATION:-10}       # seconds per measured workload
WARMUP=${WARMUP:-10}           # seconds of unmeasured load per workload before measuring
MAXCONN=${MAXCONN:-10000}      # global maxconn in the generated config (lowered to fit ulimit -n)
CONNS=${CONNS:-16}             # wrk connections (relay)
HTTP_CONNS=${HTTP_CONNS:-64}   # wrk connections (http, httpclose)
HTTP_REUSE=${HTTP_REUSE:-safe} # http-reuse of be_web: never, safe (HAProxy's default), aggressive, always
SB_THREADS=${SB_THREADS:-16}   # sysbench threads (= connections)
WORKLOADS=${WORKLOADS:-"relay mysql"}
PROXY_CPU=${PROXY_CPU:-1}      # the proxy under test runs alone on this CPU
LOAD_CPU=${LOAD_CPU:-0}        # wrk, sysbench, nginx and mariadbd share this one
PROXY_QUOTA=${PROXY_QUOTA:-0}  # % of its CPU the proxy may use (a cgroup CPU quota, the same for both); 0 = all of it
HAVEN=${HAVEN:-$ROOT/bin/haven}
HAPROXY=${HAPROXY:-haproxy}
ONLY=${ONLY:-}
KEEP=${KEEP:-0}                # 1: keep the temp dir (configs, logs) for inspection

usage() {
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

Options:  --only haproxy|haven   run one proxy only
          --keep                 keep the temp dir (config, logs)
Env:      ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP MAXCONN=$MAXCONN CONNS=$CONNS SB_THREADS=$SB_THREADS
          WORKLOADS="$WORKLOADS" HTTP_CONNS=$HTTP_CONNS HTTP_REUSE=$HTTP_REUSE PROXY_CPU=$PROXY_CPU LOAD_CPU=$LOAD_CPU
          PROXY_QUOTA=$PROXY_QUOTA
          HAVEN=$HAVEN HAPROXY=$HAPROXY
EOF
}

while (($#)); do
    case $1 in
        --only) ONLY=${2:-}; shift 2 ;;
        --only=*) ONLY=${1#--only=}; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

case $ONLY in
    "") PROXIES=(haproxy haven) ;;
    haproxy|haven) PROXIES=("$ONLY") ;;
    *) die "--only takes haproxy or haven, not '$ONLY'" ;;
esac
for n in ROUNDS DURATION WARMUP MAXCONN CONNS HTTP_CONNS SB_THREADS PROXY_CPU LOAD_CPU PROXY_QUOTA; do
    [[ ${!n} =~ ^[0-9]+$ ]] || die "$n must be a number, not '${!n}'"
done
((ROUNDS >= 1 && DURATION >= 1)) || die "ROUNDS and DURATION must be at least 1"
((PROXY_QUOTA <= 100)) || die "PROXY_QUOTA is a percentage of one CPU (1-100, 0 = no quota), not $PROXY_QUOTA"
[[ $HTTP_REUSE =~ ^(never|safe|aggressive|always)$ ]] || die "HTTP_REUSE takes never, safe, aggressive or always, not '$HTTP_REUSE'"
for w in $WORKLOADS; do
    [[ $w =~ ^(relay|mysql|http|httpclose|httplua)$ ]] || die "unknown workload '$w' (relay, mysql, http, httpclose, httplua)"
done
if ((PROXY_CPU >= $(nproc) || LOAD_CPU >= $(nproc))); then
    die "PROXY_CPU=$PROXY_CPU / LOAD_CPU=$LOAD_CPU: this machine has $(nproc) CPUs"
fi
if [[ " ${PROXIES[*]} " == *" haven "* && ! -x $HAVEN ]]; then
    die "$HAVEN is missing: build Haven first, or run with --only haproxy"
fi

ensure_packages haproxy:haproxy nginx:nginx wrk:wrk sysbench:sysbench \
    mariadbd:mariadb-server mariadb:mariadb-client taskset:util-linux ss:iproute2

T=$(mktemp -d /tmp/haven-bench.XXXXXX)
# PROXY_QUOTA: a cgroup (v1 cpu controller, else v2) that each proxy starts in, so that both get
# the same CPU time per period: req/s then measures the proxy, not the load generators.
CGROUP=
make_cgroup() {
    if [[ -w /sys/fs/cgroup/cpu ]]; then
        CGROUP=/sys/fs/cgroup/cpu/haven-bench-$$
        mkdir "$CGROUP" && echo 100000 >"$CGROUP"/cpu.cfs_period_us \
            && echo $((PROXY_QUOTA * 1000)) >"$CGROUP"/cpu.cfs_quota_us
    elif grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
        CGROUP=/sys/fs/cgroup/haven-bench-$$
        mkdir "$CGROUP" && echo "$((PROXY_QUOTA * 1000)) 100000" >"$CGROUP"/cpu.max
    else
        false
    fi || die "PROXY_QUOTA needs a writable cgroup cpu controller (run as root)"
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_all
    [[ -n $CGROUP ]] && rmdir "$CGROUP" 2>/dev/null
    if ((KEEP)); then log "kept $T"; else rm -rf "$T"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$T"/logs
((PROXY_QUOTA > 0)) && make_cgroup

# ---------------------------------------------------------------- backends and config

free_port NGINX_PORT
free_port MYSQL_PORT
free_port HTTP_PORT
free_port SQL_PORT
free_port WEB_PORT
free_port LUA_PORT

start_nginx "$T"/nginx "$NGINX_PORT"
start_mariadb "$T"/mariadb "$MYSQL_PORT"

SB_ARGS=(oltp_point_select --db-driver=mysql --mysql-host=127.0.0.1
    --mysql-user=sbtest --mysql-password=sbtest --mysql-db=sbtest
    --tables=1 --table-size=10000)
log "sysbench prepare (1 table, 10000 rows)"
taskset -c "$LOAD_CPU" sysbench "${SB_ARGS[@]}" --mysql-port="$MYSQL_PORT" prepare \
    >"$T"/logs/sysbench-prepare.log 2>&1 \
    || { tail -20 "$T"/logs/sysbench-prepare.log >&2; die "sysbench prepare failed"; }

# HAProxy refuses to start when it cannot raise RLIMIT_NOFILE to 2*maxconn+15 or so, and
# some sandboxes cap the hard limit (20000 here): raise the soft limit, then fit maxconn.
ulimit -n "$(ulimit -Hn)" 2>/dev/null
FD_LIMIT=$(ulimit -n)
if [[ $FD_LIMIT != unlimited ]] && ((2 * MAXCONN + 100 > FD_LIMIT)); then
    log "ulimit -n is $FD_LIMIT: lowering maxconn from $MAXCONN to $(((FD_LIMIT - 100) / 2))"
    MAXCONN=$(((FD_LIMIT - 100) / 2))
fi

# httplua: an action that sets a request header from a fetch, on every request
cat >"$T"/bench-action.lua <<'EOF'
core.register_action("tag", { "http-req" }, function(txn)
  txn.http:req_set_header("X-Path", txn.f:path())
end)
EOF
LUA_GLOBAL=
[[ " $WORKLOADS " == *" httplua "* ]] && LUA_GLOBAL="    lua-load $T/bench-action.lua"

CFG=$T/bench.cfg
cat >"$CFG" <<EOF
global
    nbthread 1
    maxconn $MAXCONN
$LUA_GLOBAL

defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s

frontend fe_http
    bind 127.0.0.1:$HTTP_PORT
    default_backend be_http

backend be_http
    server web1 127.0.0.1:$NGINX_PORT

frontend fe_mysql
    bind 127.0.0.1:$SQL_PORT
    default_backend be_mysql

backend be_mysql
    server db1 127.0.0.1:$MYSQL_PORT
EOF
if [[ " $WORKLOADS " == *" http"* ]]; then
    # mode http: keep-alive to clients, server connections reused as HTTP_REUSE says
    cat >>"$CFG" <<EOF

frontend fe_web
    mode http
    bind 127.0.0.1:$WEB_PORT
    default_backend be_web

backend be_web
    mode http
    http-reuse $HTTP_REUSE
    server web1 127.0.0.1:$NGINX_PORT
EOF
fi
if [[ " $WORKLOADS " == *" httplua "* ]]; then
    cat >>"$CFG" <<EOF

frontend fe_lua
    mode http
    bind 127.0.0.1:$LUA_PORT
    http-request lua.tag
    default_backend be_lua

backend be_lua
    mode http
    http-reuse $HTTP_REUSE
    server web1 127.0.0.1:$NGINX_PORT
EOF
fi
"$HAPROXY" -c -q -f "$CFG" >"$T"/logs/haproxy-check.log 2>&1 \
    || { cat "$T"/logs/haproxy-check.log >&2; die "haproxy rejects the generated config"; }

# ---------------------------------------------------------------- one run

RAW=$T/results.tsv
printf 'proxy\tround\tworkload\trequests\tseconds\tper_sec\tmib_per_sec\tp50_ms\tp99_ms\tcpu_s\tcpu_us_per_req\trss_mib\terrors\n' >"$RAW"

PROXY_PID=

start_proxy() {
    local name=$1 round=$2 out=$T/logs/$1-$2.log
    local cmd
    case $name in
        haproxy) cmd=("$HAPROXY" -f "$CFG" -db) ;;
        haven)   cmd=("$HAVEN" -f "$CFG") ;;
    esac
    if [[ -n $CGROUP ]]; then # joins the cgroup, then becomes the proxy: every thread is born inside
        sh -c 'echo $$ >"$0"/cgroup.procs && exec "$@"' "$CGROUP" taskset -c "$PROXY_CPU" "${cmd[@]}" >"$out" 2>&1 &
    else
        taskset -c "$PROXY_CPU" "${cmd[@]}" >"$out" 2>&1 &
    fi
    PROXY_PID=$!
    STARTED_PIDS+=("$PROXY_PID")
    if ! wait_port "$HTTP_PORT" 60 "$PROXY_PID" || ! wait_port "$SQL_PORT" 60 "$PROXY_PID" \
        || { [[ " $WORKLOADS " == *" http"* ]] && ! wait_port "$WEB_PORT" 60 "$PROXY_PID"; } \
        || { [[ " $WORKLOADS " == *" httplua "* ]] && ! wait_port "$LUA_PORT" 60 "$PROXY_PID"; }; then
        tail -30 "$out" >&2
        die "$name did not start listening on $HTTP_PORT and $SQL_PORT"
    fi
    local got
    got=$(http_content_length "$HTTP_PORT" 1m.bin)
    [[ $got == "200 1048576" ]] || { tail -30 "$out" >&2; die "$name relayed '$got' for 1m.bin"; }
    log "$name pid $PROXY_PID (round $round) listening"
}

stop_proxy() {
    stop_pid "$PROXY_PID" 15
    forget_pid "$PROXY_PID"
    PROXY_PID=
}

proxy_alive_or_die() {
    kill -0 "$PROXY_PID" 2>/dev/null || { tail -30 "$T"/logs/"$1"-"$2".log >&2; die "$1 died during the run"; }
}

# load_relay SECONDS OUTFILE: wrk through the proxy; the report line is in OUTFILE.
load_relay() {
    taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"$1"s --latency -s "$HERE"/wrk-report.lua \
        "http://127.0.0.1:$HTTP_PORT/1m.bin" >"$2" 2>&1
}

# load_http SECONDS OUTFILE: small responses through mode http, keep-alive on both sides.
load_http() {
    taskset -c "$LOAD_CPU" wrk -t1 -c"$HTTP_CONNS" -d"$1"s --latency -s "$HERE"/wrk-report.lua \
        "http://127.0.0.1:$WEB_PORT/small.txt" >"$2" 2>&1
}

# load_httpclose SECONDS OUTFILE: the same with a new client connection per request (the proxy
# may keep its server connections).
load_httpclose() {
    taskset -c "$LOAD_CPU" wrk -t1 -c"$HTTP_CONNS" -d"$1"s --latency -s "$HERE"/wrk-report.lua \
        -H "Connection: close" "http://127.0.0.1:$WEB_PORT/small.txt" >"$2" 2>&1
}

# load_httplua SECONDS OUTFILE: keep-alive small responses through a frontend whose Lua action
# sets a request header from a fetch on every request.
load_httplua() {
    taskset -c "$LOAD_CPU" wrk -t1 -c"$HTTP_CONNS" -d"$1"s --latency -s "$HERE"/wrk-report.lua \
        "http://127.0.0.1:$LUA_PORT/small.txt" >"$2" 2>&1
}

# load_mysql SECONDS OUTFILE: sysbench point selects through the proxy.
load_mysql() {
    taskset -c "$LOAD_CPU" sysbench "${SB_ARGS[@]}" --mysql-port="$SQL_PORT" \
        --threads="$SB_THREADS" --time="$1" --percentile=99 --report-interval=0 run >"$2" 2>&1
}

# measure NAME ROUND WORKLOAD: one measured interval, appended to $RAW.
measure() {
    local name=$1 round=$2 w=$3 out=$T/logs/$1-$2-$3.out
    local c0 c1 rc
    c0=$(cpu_ticks "$PROXY_PID")
    "load_$w" "$DURATION" "$out"
    rc=$?
    c1=$(cpu_ticks "$PROXY_PID")
    proxy_alive_or_die "$name" "$round"
    ((rc == 0)) || { tail -30 "$out" >&2; die "$w load against $name failed (exit $rc)"; }

    local requests bytes seconds p50_ms p99_ms errors mib
    if [[ $w != mysql ]]; then
        read -r requests bytes seconds p50_ms p99_ms errors < <(awk '/^BENCH_RESULT/ {
            for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            printf "%.0f %.0f %.6f %.3f %.3f %.0f\n", v["requests"], v["bytes"], v["duration_us"] / 1e6,
                   v["p50_us"] / 1e3, v["p99_us"] / 1e3, v["errors"] }' "$out")
        mib=$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.1f", b / s / 1048576 }')
    else
        read -r requests seconds p99_ms errors < <(awk '
            /^ *queries:/ { q = $2 }
            /^ *total time:/ { t = $3; sub(/s$/, "", t) }
            /^ *99th percentile:/ { p = $3 }
            /^ *ignored errors:/ { e = $3 }
            END { printf "%d %s %s %d\n", q, t, p, e }' "$out")
        mib=-
        p50_ms=- # sysbench reports one percentile
    fi
    [[ -n ${requests:-} && $requests -gt 0 ]] || { tail -30 "$out" >&2; die "no requests counted for $w via $name"; }

    local rss
    rss=$(rss_peak_kib "$PROXY_PID")
    awk -v OFS='\t' -v n="$name" -v r="$round" -v w="$w" -v q="$requests" -v s="$seconds" \
        -v mib="$mib" -v p50="$p50_ms" -v p="$p99_ms" -v ticks=$((c1 - c0)) -v hz="$CLK_TCK" -v rss="$rss" -v e="$errors" \
        'BEGIN { cpu = ticks / hz
                 print n, r, w, q, sprintf("%.2f", s), sprintf("%.1f", q / s), mib, p50, p,
                       sprintf("%.2f", cpu), sprintf("%.1f", cpu * 1e6 / q), sprintf("%.0f", rss / 1024), e }' >>"$RAW"
    log "$(tail -1 "$RAW" | awk -F'\t' '{ printf "%s %s: %s/s, p50 %s ms, p99 %s ms, %s us CPU per request", $1, $3, $6, $8, $9, $11 }')"
}

run_proxy() {
    local name=$1 round=$2 w
    start_proxy "$name" "$round"
    if ((WARMUP > 0)); then
        for w in $WORKLOADS; do
            log "$name warm-up: $w ${WARMUP}s"
            "load_$w" "$WARMUP" "$T"/logs/"$name-$round-$w"-warmup.out \
                || { tail -30 "$T"/logs/"$name-$round-$w"-warmup.out >&2; die "$w warm-up against $name failed"; }
        done
    fi
    for w in $WORKLOADS; do
        log "$name measure: $w ${DURATION}s"
        measure "$name" "$round" "$w"
    done
    stop_proxy
}

log "proxies: ${PROXIES[*]}; rounds $ROUNDS; ${WARMUP}s warm-up + ${DURATION}s per workload ($WORKLOADS)"
for ((round = 1; round <= ROUNDS; round++)); do
    for p in "${PROXIES[@]}"; do
        run_proxy "$p" "$round"
    done
done

# ---------------------------------------------------------------- report

mkdir -p "$HERE"/results
REPORT=$HERE/results/latest.txt
{
    echo "Haven vs HAProxy  $(date -u '+%Y-%m-%d %H:%M:%SZ')  $(uname -r)  $(nproc) CPUs: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "haproxy: $("$HAPROXY" -v 2>/dev/null | head -1)"
    [[ " ${PROXIES[*]} " == *" haven "* ]] && echo "haven:   $HAVEN"
    echo "proxy on CPU $PROXY_CPU$( ((PROXY_QUOTA > 0)) && echo " limited to ${PROXY_QUOTA}% of it (cgroup quota)"); wrk, sysbench, nginx, mariadbd on CPU $LOAD_CPU"
    echo "rounds $ROUNDS, warm-up ${WARMUP}s + measured ${DURATION}s per workload"
    echo "relay = wrk -t1 -c$CONNS, 1 MiB responses through mode tcp; mysql = sysbench oltp_point_select, $SB_THREADS threads"
    echo "http = wrk -t1 -c$HTTP_CONNS, 64-byte responses through mode http, keep-alive; httpclose = the same with Connection: close; http-reuse $HTTP_REUSE"
    echo "httplua = http with 'http-request lua.tag' (a Lua action setting X-Path from txn.f:path()) on every request"
    echo
    echo "Runs:"
    awk -F'\t' '{ printf "%-8s %5s %-9s %9s %8s %10s %11s %8s %8s %7s %14s %8s %6s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }' "$RAW"
    echo
    echo "Medians over rounds:"
    awk -F'\t' -v OFS='\t' '
        NR == 1 { next }
        { k = $3 SUBSEP $1; n[k]++; rate[k, n[k]] = $6; mib[k, n[k]] = $7; p50[k, n[k]] = $8; p99[k, n[k]] = $9
          cpu[k, n[k]] = $11; rss[k, n[k]] = $12; err[k] += $13; ws[$3] = 1; ps[$1] = 1 }
        function median(a, k, cnt,   i, j, t, v) {
            for (i = 1; i <= cnt; i++) v[i] = a[k, i]
            if (v[1] == "-") return "-"
            for (i = 2; i <= cnt; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
            return cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
        }
        END {
            printf "%-9s %-8s %5s %14s %10s %10s %10s %13s %9s %7s\n", "workload", "proxy", "runs", "req/s", "MiB/s", "p50 ms", "p99 ms", "CPU us/req", "RSS MiB", "errors"
            nw = split("relay mysql http httpclose httplua", wl, " "); split("haproxy haven", pl, " ")
            for (wi = 1; wi <= nw; wi++) for (pi = 1; pi <= 2; pi++) {
                k = wl[wi] SUBSEP pl[pi]; if (!(k in n)) continue
                m_rate[k] = median(rate, k, n[k]); m_p50[k] = median(p50, k, n[k]); m_p99[k] = median(p99, k, n[k]); m_cpu[k] = median(cpu, k, n[k])
                m_mib = median(mib, k, n[k]); if (m_mib != "-") m_mib = sprintf("%.1f", m_mib)
                printf "%-9s %-8s %5d %14.1f %10s %10s %10.3f %13.1f %9s %7d\n", wl[wi], pl[pi], n[k], m_rate[k],
                       m_mib, (m_p50[k] == "-" ? "-" : sprintf("%.3f", m_p50[k])), m_p99[k], m_cpu[k], median(rss, k, n[k]), err[k]
            }
            hdr = 0
            for (wi = 1; wi <= nw; wi++) {
                a = wl[wi] SUBSEP "haproxy"; b = wl[wi] SUBSEP "haven"
                if (!(a in n) || !(b in n)) continue
                if (!hdr++) {
                    print ""
                    print "Haven vs HAProxy ratios (>= 1.0 always means Haven is as good or better):"
                    printf "%-9s %28s %22s %22s %30s\n", "workload", "throughput (haven/haproxy)", "p50 (haproxy/haven)", "p99 (haproxy/haven)", "CPU per req (haproxy/haven)"
                }
                printf "%-9s %28.3f %22s %22.3f %30.3f\n", wl[wi], m_rate[b] / m_rate[a],
                       (m_p50[a] == "-" || m_p50[b] <= 0 ? "-" : sprintf("%.3f", m_p50[a] / m_p50[b])),
                       (m_p99[b] > 0 ? m_p99[a] / m_p99[b] : 0), (m_cpu[b] > 0 ? m_cpu[a] / m_cpu[b] : 0)
            }
            if (!hdr) { print ""; print "(no ratios: only one proxy was measured)" }
        }' "$RAW"
} >"$REPORT"
cp "$RAW" "$HERE"/results/latest.tsv
echo
cat "$REPORT"
log "written to $REPORT (raw rows: results/latest.tsv)"
