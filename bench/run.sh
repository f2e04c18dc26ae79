#!/bin/sh
# One command for Tally's performance numbers (see README, "Performance").
#   bench/run.sh                whole-process benchmark against node_exporter: 2000 scrapes each,
#                               60 s idle windows, 0/10/50/200 containers
#   bench/run.sh --quick        the same at reduced counts (300 scrapes, 20 s idle, 0/10/50)
#   bench/run.sh --jmh [REGEX]  the parser micro-benchmarks with the allocation profiler
#   bench/run.sh --jvm-options [--quick] [--only A|B]  what each JVM option is worth (RSS, CPU per
#                               scrape, startup), one Tally run per option set → results/jvm-options.json
# Other arguments go to bench/scrape_bench.py (--help lists them, e.g. --java-opts "...").
# Needs: a JDK 17+, Maven, python3, /usr/bin/prometheus-node-exporter, and for the container
# step a Docker daemon with the image tally-test/busybox:latest. Run as a user who can read the
# Docker socket. Results: bench/results/latest.json and bench/results/containers.svg.
set -eu
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--jmh" ]; then
    shift
    # Only this module and what it needs; tests are the normal build's job.
    mvn -o -q -DskipTests -pl bench -am package
    # Short runs: the numbers wanted are the allocation rates (gc.alloc.rate.norm, bytes per parse),
    # which settle in a few iterations; one fork keeps it to a couple of minutes.
    exec java -jar bench/target/tally-benchmarks.jar -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc "$@"
fi

mvn -q -DskipTests -pl agent -am package
if [ "${1:-}" = "--jvm-options" ]; then
    shift
    exec python3 bench/jvm_options.py "$@"
fi
exec python3 bench/scrape_bench.py "$@"
