#!/usr/bin/env bash
# Issue 3's lag figures, measured: Haven's native lag check vs HAProxy + `haven agent`
# (500 ms and GitHub's 5 s checks) on a real MariaDB primary + 3 replicas. See bench/README.md.
#
#   bench/lag.sh                              # 3 runs of every proxy and scenario, ~14 minutes
#   RUNS=1 PROXIES=haven bench/lag.sh         # a quick look at Haven alone, ~1.5 minutes
#   SCENARIOS=event-lock,kill bench/lag.sh
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

RUNS=${RUNS:-3}
PROXIES=${PROXIES:-haven,haproxy-500ms,haproxy-5s,haproxy-500ms-redispatch:kill}   # name[:scenario+scenario]
SCENARIOS=${SCENARIOS:-event-stop-sql,event-lock,flapping-stop-sql,flapping-lock,kill}
FLAP_SECONDS=${FLAP_SECONDS:-20}
HAPROXY=${HAPROXY:-haproxy}
SEED=${SEED:-}                              # seeds the random check-phase offsets (default: a new one)
OUT=${OUT:-$HERE/results}
MVN_FLAGS=${MVN_FLAGS:--o -q}               # offline by default: the machines here have no Maven Central
BUILD_LOCK=${BUILD_LOCK:-/tmp/haven-build.lock}   # shared with other builds on this machine

usage() {
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF

Env:  RUNS=$RUNS PROXIES=$PROXIES
      SCENARIOS=$SCENARIOS
      FLAP_SECONDS=$FLAP_SECONDS HAPROXY=$HAPROXY OUT=$OUT SEED=$SEED
      MVN_FLAGS="$MVN_FLAGS" BUILD_LOCK=$BUILD_LOCK
EOF
}
case ${1:-} in
    -h|--help) usage; exit 0 ;;
    "") ;;
    *) usage >&2; die "unknown argument: $1" ;;
esac
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
[[ $FLAP_SECONDS =~ ^[1-9][0-9]*$ ]] || die "FLAP_SECONDS must be a positive number, not '$FLAP_SECONDS'"

ensure_packages haproxy:haproxy mariadbd:mariadb-server mariadb:mariadb-client flock:util-linux
command -v mvn >/dev/null || die "mvn not found: install Maven and a JDK 17"
command -v java >/dev/null || die "java not found: install a JDK 17"

mkdir -p "$OUT"
cd "$ROOT" || die "cannot cd to $ROOT"
log "runs $RUNS; proxies $PROXIES; scenarios $SCENARIOS"
run_figures lag LagFigures -Dfigures.runs="$RUNS" -Dfigures.proxies="$PROXIES" -Dfigures.scenarios="$SCENARIOS" \
    -Dfigures.flap.seconds="$FLAP_SECONDS" -Dfigures.haproxy="$HAPROXY" ${SEED:+-Dfigures.seed="$SEED"}
log "written to $OUT/lag.txt (every read: lag-reads.tsv; configs and logs: lag-logs/)"
