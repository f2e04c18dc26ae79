#!/usr/bin/env bash
# Proves the .deb end to end without touching this host's package database:
#   build it with Maven (-Pdeb), inspect it (dpkg-deb -c / -I), install it with apt (which pulls the
#   Java runtime it depends on) into a throwaway copy of a debootstrapped Debian 12 root, run the
#   installed `tally --version` there, start the agent there as the tally user and scrape it once,
#   check the conffile survives a reinstall, remove and purge it, and have systemd-analyze verify
#   the unit. One PASS/FAIL line per step; exit status 0 only when every step passed.
#
# Needs root (debootstrap, chroot, mount), debootstrap, dpkg-deb, curl, systemd-analyze, and
# Debian's mirror (apt). The pristine root is cached under $TALLY_DEB_CACHE (default
# /var/tmp/tally-deb-test) and reused; each run works on a copy of it, and apt's downloads are
# kept in the cache too, so a second run needs no network for packages already fetched.
#
# Environment: MVN_ARGS (default "-q -o": offline, everything is in ~/.m2), TALLY_DEB_SUITE
# (default bookworm), TALLY_DEB_MIRROR, TALLY_DEB_KEEP=1 keeps the work root for inspection.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${TALLY_DEB_CACHE:-/var/tmp/tally-deb-test}
suite=${TALLY_DEB_SUITE:-bookworm}
mirror=${TALLY_DEB_MIRROR:-http://deb.debian.org/debian}
base="$cache/$suite-root"
archives="$cache/apt-archives"
# Online: the -Pdeb profile's jdeb plugin is not among what `mvn verify` fetched on a fresh machine.
mvn_args=${MVN_ARGS:--q}
port=${TALLY_DEB_PORT:-19321}

work=$(mktemp -d /var/tmp/tally-deb-work.XXXXXX)
root="$work/root"
log="$work/log"
failed=0
mounts=()
agent_pid=

# SIGTERM, then SIGKILL if the JVM has not exited within 5 s.
stop_agent() {
    [ -n "$agent_pid" ] || return 0
    kill "$agent_pid" 2>/dev/null
    local i
    for i in $(seq 1 50); do kill -0 "$agent_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$agent_pid" 2>/dev/null
    wait "$agent_pid" 2>/dev/null
    agent_pid=
}

cleanup() {
    stop_agent
    # Unmount in reverse order; a lazy unmount if something still holds the mount point.
    local i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" 2>/dev/null || true
    done
    if [ "${TALLY_DEB_KEEP:-0}" = 1 ]; then
        echo "kept: $work"
    else
        # Never rm -rf through a mount that is still there.
        if ! grep -q " $work/" /proc/mounts; then rm -rf "$work"; else echo "WARN: mounts left under $work"; fi
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# step NAME COMMAND...: runs the command with its output in $log, prints PASS or FAIL (and the
# tail of the output on failure).
step() {
    local name=$1; shift
    if "$@" >"$log" 2>&1; then
        echo "PASS $name"
        return 0
    fi
    echo "FAIL $name"
    sed 's/^/    | /' "$log" | tail -n 25
    failed=1
    return 1
}
# systemd-analyze verify only warns (exit 0) about unknown keys and misspelt values: any output
# at all is a failure here.
strict_verify() {
    local out rc=0
    out=$(systemd-analyze verify "$@" 2>&1) || rc=$?
    printf '%s\n' "$out"
    [ "$rc" = 0 ] && [ -z "$out" ]
}
# Steps that cannot run because an earlier one failed.
skip() { echo "SKIP $*"; failed=1; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

for tool in debootstrap dpkg-deb chroot curl systemd-analyze mvn; do
    command -v "$tool" >/dev/null || { echo "FAIL prerequisites: $tool not found (apt-get install debootstrap curl systemd maven)"; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "FAIL prerequisites: run as root (debootstrap, chroot, mount)"; exit 1; }

# ---- build and inspect ------------------------------------------------------------------------
build() {
    cd "$repo" && rm -f agent/target/tally_*_all.deb && mvn $mvn_args -Pdeb -DskipTests package
}
step "build: mvn -Pdeb -DskipTests package" build || exit 1
deb=$(ls "$repo"/agent/target/tally_*_all.deb 2>/dev/null | head -n 1)
pom_version=$(cd "$repo" && sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
want_version=${pom_version/-SNAPSHOT/\~SNAPSHOT}

named() { [ "$(basename "$deb")" = "tally_${want_version}_all.deb" ] || { echo "got $(basename "$deb"), want tally_${want_version}_all.deb"; return 1; }; }
step "name: tally_${want_version}_all.deb" named

contents() {
    dpkg-deb -c "$deb" | tee "$work/contents"
    local f
    for f in ./usr/share/tally/tally.jar ./usr/bin/tally ./lib/systemd/system/tally.service \
             ./etc/default/tally ./usr/share/tally/systemd/container-metrics.conf \
             ./usr/share/tally/tally-cds ./usr/share/tally/classes.lst; do
        grep -q " $f\$" "$work/contents" || { echo "missing $f"; return 1; }
    done
    grep -q -- '-rwxr-xr-x root/root .* ./usr/bin/tally$' "$work/contents" || { echo "/usr/bin/tally not 0755 root"; return 1; }
}
step "inspect: dpkg-deb -c lists jar, launcher, unit, defaults" contents

info() {
    dpkg-deb -I "$deb" | tee "$work/info"
    grep -q '^ Package: tally$' "$work/info" &&
    grep -q "^ Version: ${want_version}\$" "$work/info" &&
    grep -q '^ Architecture: all$' "$work/info" &&
    grep -q '^ Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless' "$work/info" &&
    [ "$(dpkg-deb -f "$deb" Package)" = tally ] &&
    dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/default/tally
}
step "inspect: dpkg-deb -I (package, version, depends, conffiles)" info

# ---- a Debian root to install into -------------------------------------------------------------
make_base() {
    [ -f "$base/.tally-base-ok" ] && { echo "reusing $base"; return 0; }
    mkdir -p "$cache"
    rm -rf "$base.partial"
    # build-base-images.sh caches the same debootstrap (minbase, same suite): copy it.
    local other="${TALLY_BASE_CACHE:-/var/tmp/tally-base-images}/$suite-minbase"
    if [ -f "$other/.tally-base-ok" ]; then
        echo "copying $other" && cp -a "$other" "$base.partial" && rm -rf "$base" && mv "$base.partial" "$base"
        return
    fi
    debootstrap --variant=minbase "$suite" "$base.partial" "$mirror" &&
    touch "$base.partial/.tally-base-ok" && rm -rf "$base" && mv "$base.partial" "$base"
}
step "debootstrap: minimal $suite root (cached in $cache)" make_base || exit 1

prepare_root() {
    cp -a "$base" "$root" &&
    mkdir -p "$archives/partial" &&
    cp /etc/resolv.conf "$root/etc/resolv.conf" &&
    mount -t proc proc "$root/proc" && mounts+=("$root/proc") &&
    mount --bind "$archives" "$root/var/cache/apt/archives" && mounts+=("$root/var/cache/apt/archives") &&
    cp "$deb" "$root/tmp/"
}
step "chroot: copy of the root, /proc mounted, apt cache shared" prepare_root || exit 1

install_deb() {
    in_root apt-get update -q &&
    in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")"
}
if step "install: apt-get install ./$(basename "$deb") (pulls Java)" install_deb; then
    version_check() {
        in_root tally --version | tee "$work/version"
        grep -q "^tally, version ${pom_version} " "$work/version"
    }
    step "run: tally --version in the chroot" version_check

    installed() {
        in_root dpkg -s tally | grep -q '^Status: install ok installed$' &&
        in_root getent passwd tally | grep -q '^tally:x:[0-9]*:[0-9]*:.*:/nonexistent:/usr/sbin/nologin$' &&
        [ -d "$root/var/lib/tally/textfile" ] &&
        # deb-systemd-helper enables the unit even though systemd is not running in the chroot.
        [ -L "$root/etc/systemd/system/multi-user.target.wants/tally.service" ] &&
        in_root java -version 2>&1 | grep -q 'version "\(1[7-9]\|[2-9][0-9]\)'
    }
    step "install: tally user, textfile dir, unit enabled, Java >= 17" installed

    # The unit's ExecStartPre, as the tally user in its cache directory: the class-data sharing
    # archive /etc/default/tally's JAVA_OPTS names, which the chroot's Java must accept.
    cds() {
        in_root install -d -o tally -g tally /var/cache/tally &&
        in_root setpriv --reuid=tally --regid=tally --clear-groups /usr/share/tally/tally-cds /usr/bin/java \
            /usr/share/tally/tally.jar /var/cache/tally/tally.jsa /usr/share/tally/classes.lst &&
        in_root java -Xshare:on -XX:SharedArchiveFile=/var/cache/tally/tally.jsa -jar /usr/share/tally/tally.jar --version
    }
    step "cds: tally-cds makes the archive JAVA_OPTS names, and Java uses it (-Xshare:on)" cds

    # The agent as the service would run it: as the tally user, with /etc/default/tally's options.
    serve() {
        # shellcheck disable=SC1091
        # chroot, env, sh and setpriv all exec, so $! is the JVM itself (a function run with &
        # would be a subshell, and killing that would leave the JVM running).
        chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
            sh -c ". /etc/default/tally; exec setpriv --reuid=tally --regid=tally --clear-groups \
            java \$JAVA_OPTS -jar /usr/share/tally/tally.jar \$ARGS --web.listen-address=127.0.0.1:$port" \
            >"$work/agent.log" 2>&1 &
        agent_pid=$!
        # A leftover listener on the port would answer instead of this agent.
        sleep 0.5
        kill -0 "$agent_pid" || { echo "agent exited at once"; cat "$work/agent.log"; agent_pid=; return 1; }
        local i
        for i in $(seq 1 60); do
            curl -fsS "http://127.0.0.1:$port/metrics" -o "$work/scrape.prom" 2>/dev/null && break
            sleep 0.25
        done
        stop_agent
        cat "$work/agent.log"
        grep -q '^node_load1 ' "$work/scrape.prom" &&
        grep -q '^node_textfile_scrape_error 0' "$work/scrape.prom"
    }
    step "run: agent as user tally with /etc/default/tally serves node_load1" serve

    # minbase has no systemd; a real system has, and the unit's default dependencies
    # (sysinit.target, …) come from it. /usr/bin/java resolves inside the root (alternatives).
    verify_installed() {
        in_root apt-get install -y -q --no-install-recommends systemd &&
        strict_verify --root="$root" tally.service
    }
    step "systemd-analyze verify --root=<chroot> tally.service (installed unit)" verify_installed

    conffile_kept() {
        echo '# local edit' >>"$root/etc/default/tally" &&
        in_root dpkg --force-confold -i "/tmp/$(basename "$deb")" &&
        grep -q '^# local edit$' "$root/etc/default/tally"
    }
    step "conffile: /etc/default/tally edit survives a reinstall" conffile_kept

    remove_purge() {
        in_root apt-get remove -y -q tally && [ -f "$root/etc/default/tally" ] && [ ! -e "$root/usr/share/tally/tally.jar" ] &&
        in_root apt-get purge -y -q tally && [ ! -e "$root/etc/default/tally" ] && [ ! -e "$root/var/lib/tally" ]
    }
    step "remove keeps /etc/default/tally, purge removes it" remove_purge
else
    skip "run: tally --version in the chroot"
fi

verify_source() {
    strict_verify "$repo/deploy/systemd/tally.service"
}
step "systemd-analyze verify deploy/systemd/tally.service" verify_source

[ "$failed" = 0 ] && echo "deb-test: all steps passed" || echo "deb-test: FAILED"
exit "$failed"
