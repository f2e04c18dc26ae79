#!/usr/bin/env bash
# Runs the image's runtime layout without Docker, to check the parts of deploy/docker/ that do
# not depend on the engine: a jlink runtime with the Dockerfile's module list, the pre-unpacked
# JNA library, and entrypoint.sh (default --path.* flags, node_meta, the drop from root to uid
# 10001 with the Docker socket's group), on a read-only root with a noexec /tmp, the host's
# /proc, /sys and / mounted read-only at /host/proc, /host/sys, /rootfs.
# The root is the Debian 12 minbase tree deb-test.sh caches (what debian:bookworm-slim is), the
# mounts live in a private mount namespace and vanish with it. The real image proof (docker
# build, docker run --read-only, the Swarm stack) is e2e.sh's.
# Needs root, unshare, a JDK 17 with jmods (jlink), and deb-test.sh's cache (or debootstrap).
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${TALLY_DEB_CACHE:-/var/tmp/tally-deb-test}
base="$cache/bookworm-root"
port=${TALLY_LAYOUT_PORT:-19331}
work=$(mktemp -d /var/tmp/tally-layout.XXXXXX)
pid=
failed=0
# unshare --kill-child takes the agent down with it; the mounts go with the namespace.
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

step() {
    local name=$1; shift
    if "$@" >"$work/log" 2>&1; then echo "PASS $name"; return 0; fi
    echo "FAIL $name"; sed 's/^/    | /' "$work/log" | tail -n 25; failed=1; return 1
}

[ -f "$base/.tally-base-ok" ] || { echo "FAIL prerequisites: run deploy/test/deb-test.sh first (it caches $base)"; exit 1; }
jar="$repo/agent/target/tally.jar"
[ -f "$jar" ] || { echo "FAIL prerequisites: build agent/target/tally.jar first (mvn -q -DskipTests package)"; exit 1; }

# The Dockerfile's build stage, by hand: same module list, same JNA extraction, same entrypoint.
modules=$(sed -n 's/^ARG JLINK_MODULES=//p' "$repo/deploy/docker/Dockerfile")
layout() {
    root="$work/root"
    cp -a "$base" "$root" &&
    mkdir -p "$root/opt/tally/lib" "$root/opt/tally/bin" "$root/host/proc" "$root/host/sys" "$root/rootfs" &&
    jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/tally/jre" &&
    (cd "$work" && unzip -q -o "$jar" "com/sun/jna/linux-x86-64/libjnidispatch.so" "com/sun/jna/linux-aarch64/libjnidispatch.so") &&
    case "$(uname -m)" in
        x86_64) cp "$work/com/sun/jna/linux-x86-64/libjnidispatch.so" "$root/opt/tally/lib/" ;;
        aarch64) cp "$work/com/sun/jna/linux-aarch64/libjnidispatch.so" "$root/opt/tally/lib/" ;;
    esac &&
    cp "$jar" "$root/opt/tally/tally.jar" &&
    install -m 0755 "$repo/deploy/docker/entrypoint.sh" "$root/opt/tally/bin/entrypoint" &&
    # The Dockerfile's RUN of the runtime stage.
    eval "chroot \"\$root\" $(sed -n '/^RUN groupadd/,/nologin tally$/p' "$repo/deploy/docker/Dockerfile" |
        sed 's/^RUN //; s/\\$//' | tr '\n' ' ' | sed 's/ && / \&\& chroot "$root" /')"
}
step "layout: jlink runtime ($modules), JNA library, entrypoint" layout || exit 1

# The container: private mounts, read-only root, noexec tmpfs /tmp, host trees read-only, a
# hostname, NODE_ID/NODE_NAME as the Swarm stack sets them, started as root like the stack does.
run() {
    unshare --mount --uts --fork --kill-child --propagation private sh -c '
        set -e
        root=$1
        mount --bind "$root" "$root"
        mount --bind /proc "$root/host/proc";  mount -o remount,bind,ro "$root/host/proc"
        mount --bind /sys "$root/host/sys";    mount -o remount,bind,ro "$root/host/sys"
        mount --bind / "$root/rootfs";         mount -o remount,bind,ro "$root/rootfs"
        mount -t proc proc "$root/proc"
        mount -t tmpfs -o size=16m,noexec,nosuid,nodev tmpfs "$root/tmp"
        # A socket standing in for Docker'"'"'s, group 4242, on a tmpfs of this namespace. Paths
        # go through $root/run, never $root/var/run: that is a symlink to the HOST'"'"'s /run here.
        mount -t tmpfs -o size=1m tmpfs "$root/run"
        python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$root/run/docker.sock"
        chgrp 4242 "$root/run/docker.sock"; chmod 0660 "$root/run/docker.sock"
        mount -o remount,bind,ro "$root"
        hostname swarm-node-1
        exec chroot "$root" /usr/bin/env -i PATH=/opt/tally/jre/bin:/usr/bin:/bin \
            TALLY_JAVA_OPTS="-XX:+UseSerialGC -Xms16m -Xmx64m -Xss256k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=10000 -XX:+UnlockDiagnosticVMOptions -XX:AsyncDeflationInterval=10000 -XX:GuaranteedSafepointInterval=0 -XX:SharedArchiveFile=/opt/tally/tally.jsa -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData" \
            MALLOC_ARENA_MAX=2 TALLY_TMPDIR=/tmp NODE_ID=abc123node NODE_NAME=swarm-node-1 \
            /opt/tally/bin/entrypoint --web.listen-address=127.0.0.1:'"$port"'
    ' sh "$root" >"$work/agent.log" 2>&1 &
    pid=$!

    for _ in $(seq 1 60); do
        curl -fsS "http://127.0.0.1:$port/metrics" -o "$work/scrape.prom" 2>/dev/null && break
        sleep 0.25
    done
    cat "$work/agent.log"
    [ -s "$work/scrape.prom" ]
}
step "run: entrypoint on a read-only root with a noexec /tmp answers" run || exit 1

check() { grep -q "$1" "$work/scrape.prom" || { echo "missing: $1"; grep -c . "$work/scrape.prom"; return 1; }; }
step "flags: --path.rootfs=/rootfs strips the prefix (node_filesystem_size_bytes{mountpoint=\"/\"})" \
    check 'node_filesystem_size_bytes{.*mountpoint="/"}'
step "JNA: statfs and uname work with the pre-unpacked library" \
    check '^node_scrape_collector_success{collector="uname"} 1'
step "hostname: node_uname_info{nodename=\"swarm-node-1\"}" check 'nodename="swarm-node-1"'
step "swarm: node_meta{node_id=\"abc123node\",node_name=\"swarm-node-1\"}" \
    check '^node_meta{container_label_com_docker_swarm_node_id="abc123node",node_id="abc123node",node_name="swarm-node-1"} 1'

privileges() {
    local jpid
    jpid=$(pgrep -f "opt/tally/tally.jar .*127.0.0.1:$port" | head -n 1)
    [ -n "$jpid" ] || { echo "agent process not found"; return 1; }
    grep -E '^(Uid|Gid|Groups|CapEff|CapBnd|NoNewPrivs):' "/proc/$jpid/status"
    grep -Eq '^Uid:\s+10001\s+10001\s+10001\s+10001$' "/proc/$jpid/status" &&
    grep -Eq '^Groups:\s+4242\s*$' "/proc/$jpid/status" &&
    grep -Eq '^CapEff:\s+0+$' "/proc/$jpid/status" &&
    grep -Eq '^CapBnd:\s+0+$' "/proc/$jpid/status" &&
    grep -Eq '^NoNewPrivs:\s+1$' "/proc/$jpid/status"
}
step "privileges: uid 10001, socket's group 4242 only, no capabilities, no_new_privs" privileges
no_root_warning() { cat "$work/agent.log"; ! grep -q 'running as root' "$work/agent.log"; }
step "agent log: no root warning" no_root_warning

# setpriv's change of uid clears the parent-death signal unshare --kill-child relies on: stop the
# agent by its pid (SIGTERM, as docker stop does), and require that it exits on it.
stop() {
    local jpid
    jpid=$(pgrep -f "opt/tally/tally.jar .*127.0.0.1:$port" | head -n 1)
    [ -n "$jpid" ] || { echo "agent process not found"; return 1; }
    kill -TERM "$jpid"
    for _ in $(seq 1 50); do kill -0 "$jpid" 2>/dev/null || return 0; sleep 0.1; done
    echo "still running 5 s after SIGTERM"; kill -KILL "$jpid"; return 1
}
step "stop: the agent exits within 5 s of SIGTERM" stop

[ "$failed" = 0 ] && echo "image-layout-test: all steps passed" || echo "image-layout-test: FAILED"
exit "$failed"
