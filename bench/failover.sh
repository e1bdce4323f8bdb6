#!/usr/bin/env bash
# Issue 4's failover figures, measured in network namespaces: two Haven members, a witness, a
# client polling a floating address every 50 ms; crash, graceful stop, cut link. See bench/README.md.
#
#   bench/failover.sh                       # 5 runs of both layouts (ip-only, colocated), ~8 minutes
#   RUNS=1 LAYOUTS=ip-only bench/failover.sh
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"

RUNS=${RUNS:-5}
LAYOUTS=${LAYOUTS:-ip-only,colocated}
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
log "building Haven (waiting for $BUILD_LOCK)"
# shellcheck disable=SC2086
flock "$BUILD_LOCK" mvn $MVN_FLAGS install -DskipTests || die "the build failed"
: >"$OUT"/failover-progress.log
tail -n0 -F "$OUT"/failover-progress.log 2>/dev/null &
TAIL_PID=$!
log "measuring: runs $RUNS; layouts $LAYOUTS (waiting for $BUILD_LOCK)"
# shellcheck disable=SC2086
flock "$BUILD_LOCK" mvn $MVN_FLAGS -pl haven-it test -Dtest=FailoverFigures -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfigures=true -Dfigures.runs="$RUNS" -Dfigures.layouts="$LAYOUTS" -Dfigures.out="$OUT"
rc=$?
kill "$TAIL_PID" 2>/dev/null
wait "$TAIL_PID" 2>/dev/null
((rc == 0)) || die "the measurement failed (exit $rc); see $OUT/failover-progress.log and haven-it/target/surefire-reports/"
[[ -s $OUT/failover.txt ]] || die "no report in $OUT/failover.txt"
echo
cat "$OUT"/failover.txt
log "written to $OUT/failover.txt"
