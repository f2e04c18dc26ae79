#!/bin/sh
# Regenerates deploy/cds/classes.lst: the classes the agent loads when it serves both endpoints
# (host and, with a Docker daemon at hand, containers), as the JVM lists them
# (-XX:DumpLoadedClassList). Run after changes that add or rename classes on the scrape path;
# a stale list costs only memory (classes missing from it load the ordinary way), and
# ClassListTest fails when it names a class of ours that no longer exists.
#   deploy/cds/update-classlist.sh [agent/target/tally.jar]
set -eu
cd "$(dirname "$0")/../.."
jar=${1:-agent/target/tally.jar}
out=deploy/cds/classes.lst
port=19591
# shellcheck disable=SC2046 # the options split at whitespace
java $(sed -n 's/^JAVA_OPTS="\(.*\)"$/\1/p' deploy/systemd/tally.default | sed 's/-XX:SharedArchiveFile=[^ ]*//') \
    -XX:DumpLoadedClassList="$out.tmp" -jar "$jar" --web.listen-address=127.0.0.1:$port \
    --container.listen-address=127.0.0.1:$((port + 1)) >/dev/null 2>&1 &
pid=$!
i=0
until curl -fs -o /dev/null "http://127.0.0.1:$port/metrics"; do
    i=$((i + 1)); [ $i -lt 100 ] || { kill $pid; echo "no answer on :$port" >&2; exit 1; }; sleep 0.1
done
sleep 1 # the Docker inventory's first sync
for _ in 1 2 3 4 5 6 7 8 9 10; do
    curl -s -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/metrics"
    curl -s -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$((port + 1))/metrics"
done
kill $pid; wait $pid 2>/dev/null || true
# Classes made at run time (JNA's interface proxies) cannot be archived: left out.
grep -v '\$Proxy[0-9]' "$out.tmp" >"$out"
rm -f "$out.tmp"
echo "$out: $(grep -c . "$out") classes"
