#!/usr/bin/env bash
# Issue 4's failover figures, measured in network namespaces: two Haven members, a witness, a
# client polling a floating address every 50 ms; crash, graceful stop, cut link. See bench/README.md.
#
#   bench/failover.sh                       # 5 runs of the three layouts (ip-only, colocated, haven-proxy), ~12 minutes
#   RUNS=1 LAYOUTS=ip-only bench/failover.sh
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

RUNS=${RUNS:-5}
LAYOUTS=${LAYOUTS:-ip-only,colocated,haven-proxy}
OUT=${OUT:-$HERE/results}
MVN_FLAGS=${MVN_FLAGS:--o -q}
BUILD_LOCK=${BUILD_LOCK:-/tmp/haven-build.lock}

case ${1:-} in
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) die "unknown argument: $1" ;;
esac
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
((EUID == 0)) || die "network namespaces need root"
ensure_packages ip:iproute2 arping:iputils-arping nginx:nginx curl:curl

mkdir -p "$OUT"
cd "$ROOT" || die "no $ROOT"
log "runs $RUNS; layouts $LAYOUTS"
run_figures failover FailoverFigures -Dfigures.runs="$RUNS" -Dfigures.layouts="$LAYOUTS"
log "written to $OUT/failover.txt"
