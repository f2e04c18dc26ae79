#!/bin/sh
# Two builds of the agent, alternated on this host: CPU per scrape of one endpoint (utime+stime of
# /proc/<pid>/stat over the measured scrapes, in ms), open descriptors and RSS at the end. For "what
# was this change worth": run with whatever containers the question needs (e.g. 50 busybox ones).
#   bench/ab.sh BASE.jar NEW.jar [host|containers] [rounds] [scrapes]
# Build BASE.jar from another checkout: git worktree add /tmp/base <rev> && (cd /tmp/base &&
# mvn -q -DskipTests -pl agent -am package). Plain HTTP without gzip (curl), one connection per
# scrape; JVM options and MALLOC_ARENA_MAX from deploy/systemd/tally.default. Ports 19611-19614.
set -eu
cd "$(dirname "$0")/.."
base=$1 new=$2 endpoint=${3:-host} rounds=${4:-2} scrapes=${5:-500}
opts=$(sed -n 's/^JAVA_OPTS="\(.*\)"$/\1/p' deploy/systemd/tally.default)
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(sed -n 's/^MALLOC_ARENA_MAX=//p' deploy/systemd/tally.default)}
export MALLOC_ARENA_MAX
tck=$(getconf CLK_TCK)

run() { # jar port label
    # Each jar with its own class-data sharing archive (deploy/cds/tally-cds, as the service makes it).
    archive=/tmp/tally-ab-$2.jsa
    deploy/cds/tally-cds java "$1" "$archive" deploy/cds/classes.lst
    jar_opts=$(echo "$opts" | sed "s|-XX:SharedArchiveFile=[^ ]*|-XX:SharedArchiveFile=$archive|")
    # shellcheck disable=SC2086
    java $jar_opts -jar "$1" --web.listen-address=127.0.0.1:"$2" --container.listen-address=127.0.0.1:$(($2 + 1)) \
        >/dev/null 2>&1 &
    pid=$!
    port=$2
    [ "$endpoint" = containers ] && port=$(($2 + 1))
    i=0
    until curl -fs -o /dev/null "http://127.0.0.1:$port/metrics"; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "$3: no answer on :$port"; kill $pid; exit 1; }; sleep 0.1
    done
    i=0; while [ $i -lt "$scrapes" ]; do curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; i=$((i + 1)); done
    before=$(awk '{print $14 + $15}' /proc/$pid/stat)
    i=0; while [ $i -lt "$scrapes" ]; do curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; i=$((i + 1)); done
    after=$(awk '{print $14 + $15}' /proc/$pid/stat)
    fds=$(ls /proc/$pid/fd | wc -l)
    rss=$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' /proc/$pid/status)
    kill $pid; wait $pid 2>/dev/null || true
    cpu=$(awk -v d=$((after - before)) -v t="$tck" -v n="$scrapes" 'BEGIN { printf "%.3f", d * 1000 / t / n }')
    echo "$3 $endpoint: $cpu ms CPU per scrape, $fds descriptors, RSS $rss MiB"
}

r=0
while [ $r -lt "$rounds" ]; do
    run "$base" 19611 base
    run "$new" 19613 new
    r=$((r + 1))
done
