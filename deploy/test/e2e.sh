#!/usr/bin/env bash
# The deploy proof, end to end, on one machine with a Docker engine and no registry:
#   1. image    the Dockerfile's base images provided locally (build-base-images.sh), the image
#               built from deploy/docker/Dockerfile itself; it runs as uid 10001 on a read-only
#               root filesystem (--read-only, tmpfs /tmp) and answers /metrics;
#   2. swarm    a single-node Swarm, `docker stack deploy -c deploy/swarm/stack.yml` as the README
#               says, plus a busybox workload stack (e2e-workload.yml); the agent task runs as
#               uid 10001 with the socket's group, no capabilities, names the node;
#   3. prom     Debian's Prometheus on 127.0.0.1:19090 with deploy/prometheus/prometheus-swarm.yml
#               (only its intervals and the rule file's path changed) finds the agent through the
#               Swarm API; targets up, node_load1 has data, and the workload's container metric
#               with container_label_com_docker_swarm_service_name;
#   4. queries  promtool checks the alert rules and their unit tests, Prometheus evaluates every
#               rule without error, every Grafana dashboard query parses and returns data there
#               (check-dashboards.sh);
#   5. deb      the .deb built, inspected, installed into a debootstrapped Debian root with its
#               Java, run there, systemd-analyze verify of the unit (deb-test.sh).
# One PASS/FAIL/SKIP line per step, exit status 0 only when no step failed (SKIP is not a
# failure). Everything started here is removed on exit: stacks, the Swarm (left with --force),
# containers, Prometheus, temporary files. Cached between runs, on purpose: the base images, the
# built image ($E2E_IMAGE), the busybox image and the debootstrap roots under /var/tmp.
#
# Needs root, a running dockerd that is in no Swarm, ports 9100, 8080 and 19090 free, debootstrap,
# prometheus (promtool), python3-yaml, curl, dpkg-deb, systemd-analyze, Maven with ~/.m2 filled,
# busybox-static. A fresh machine also needs Debian's mirror (debootstrap, apt).
#
# Environment: E2E_IMAGE (default tally:local, the README's tag), E2E_PROM_PORT (19090),
# E2E_SKIP_DEB=1 leaves step 5 out, E2E_KEEP=1 keeps the work directory, DOCKER (/usr/bin/docker).
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
DOCKER=${DOCKER:-/usr/bin/docker}
image=${E2E_IMAGE:-tally:local}
build_stage=tally-e2e/build-stage:latest
prom_port=${E2E_PROM_PORT:-19090}
ro_port=${E2E_RO_PORT:-19391}
stack=tally-e2e
workload_stack=tally-e2e-load
workload_service=${workload_stack}_workload
started=$(date +%s)

work=$(mktemp -d /var/tmp/tally-e2e.XXXXXX)
log="$work/step.log"
failed=0
prom_pid=
swarm_ours=0
gwbridge_before=1
made_shared=()
ro_container=tally-e2e-ro

# The scripts called from here use `docker` from PATH; make it the same client as $DOCKER.
mkdir -p "$work/bin" && ln -s "$DOCKER" "$work/bin/docker"
export PATH="$work/bin:$PATH"

# The mounts shared_mounts made shared go back to private.
restore_private() {
    local m
    for m in "${made_shared[@]}"; do mount --make-private "$m" || return 1; done
    made_shared=()
}
# No container of either stack is left (stack rm returns before they are gone).
stacks_gone() {
    [ -z "$("$DOCKER" ps -aq --filter "label=com.docker.stack.namespace=$stack")$("$DOCKER" ps -aq \
        --filter "label=com.docker.stack.namespace=$workload_stack")" ]
}
cleanup() {
    set +e
    if [ -n "$prom_pid" ]; then
        kill "$prom_pid" 2>/dev/null
        wait "$prom_pid" 2>/dev/null
    fi
    "$DOCKER" rm -f "$ro_container" >/dev/null 2>&1
    if [ "$swarm_ours" = 1 ]; then
        "$DOCKER" stack rm "$stack" "$workload_stack" >/dev/null 2>&1
        # stack rm returns before the task containers are gone; leaving the Swarm under them
        # would leave them behind.
        retry 60 stacks_gone
        "$DOCKER" swarm leave --force >/dev/null 2>&1
        # docker_gwbridge is made for the first Swarm task and outlives the Swarm.
        [ "$gwbridge_before" = 1 ] || "$DOCKER" network rm docker_gwbridge >/dev/null 2>&1
    fi
    restore_private
    if [ "${E2E_KEEP:-0}" = 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
    echo "e2e: $(( $(date +%s) - started )) s"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# step NAME COMMAND...: runs the command with its output in $log; PASS or FAIL with the time it
# took, and the tail of the output on failure.
step() {
    local name=$1; shift
    local t0 rc=0
    t0=$(date +%s)
    "$@" >"$log" 2>&1 || rc=$?
    local took=$(( $(date +%s) - t0 ))
    if [ "$rc" = 0 ]; then
        echo "PASS $name (${took}s)"
        return 0
    fi
    echo "FAIL $name (${took}s)"
    sed 's/^/    | /' "$log" | tail -n 30
    failed=1
    return 1
}
skip() { echo "SKIP $*"; }
# A step that cannot run because one it depends on failed: a failure of its own.
blocked() { echo "FAIL $1 (not run: $2 failed)"; failed=1; }
# retry SECONDS COMMAND...: until the command succeeds, once a second.
retry() {
    local secs=$1; shift
    local i
    for ((i = 0; i < secs; i++)); do "$@" && return 0; sleep 1; done
    "$@"
}
port_free() { ! ss -ltnH "sport = :$1" | grep -q .; }
prom() { curl -fsS --max-time 10 "http://127.0.0.1:$prom_port$1" "${@:2}"; }
# promq QUERY: the number of series the instant query returns (fails on an error answer).
promq() {
    prom /api/v1/query --data-urlencode "query=$1" |
        python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["status"]=="success", d; print(len(d["data"]["result"]))'
}
has_data() { local n; n=$(promq "$1" 2>/dev/null) && [ "$n" -ge 1 ]; }

# ---- prerequisites ------------------------------------------------------------------------------
prerequisites() {
    local missing=() t
    [ "$(id -u)" = 0 ] || { echo "run as root (debootstrap, chroot, the Docker socket)"; return 1; }
    for t in "$DOCKER" curl python3 ss debootstrap prometheus promtool dpkg-deb systemd-analyze mvn; do
        command -v "$t" >/dev/null || missing+=("$t")
    done
    [ ${#missing[@]} = 0 ] || { echo "not found: ${missing[*]} (apt-get install docker.io curl debootstrap prometheus dpkg-dev systemd maven)"; return 1; }
    python3 -c 'import yaml' || { echo "python3 without PyYAML (apt-get install python3-yaml)"; return 1; }
    "$DOCKER" info >/dev/null || { echo "no Docker engine answers (.ci/docker-up.sh starts one)"; return 1; }
    local state
    state=$("$DOCKER" info --format '{{.Swarm.LocalNodeState}}')
    [ "$state" = inactive ] || { echo "this engine is already in a Swarm ($state); e2e makes and leaves its own"; return 1; }
    for t in 9100 8080 "$prom_port" "$ro_port"; do
        port_free "$t" || { echo "port $t is in use:"; ss -ltnpH "sport = :$t"; return 1; }
    done
}
step "prerequisites: root, tools, Docker engine in no Swarm, ports 9100 8080 $prom_port $ro_port free" prerequisites || exit 1
"$DOCKER" network inspect docker_gwbridge >/dev/null 2>&1 || gwbridge_before=0

# ---- 1. the image ------------------------------------------------------------------------------
# The base images with the Dockerfile's own tags; the Maven one carries ~/.m2 so the build runs
# offline, as everything here does.
base_images() {
    SEED_M2=1 "$repo/deploy/test/build-base-images.sh" &&
    "$repo/test-fixtures/docker/build-test-image.sh"
}
step "image: base images the Dockerfile names, built from Debian packages (+ busybox workload image)" base_images || exit 1

# Offline, without a network at all (the Maven image carries the repository): no bridge needed,
# nothing fetched. The build stage is tagged too (a second, fully cached build), so the previous
# run's build stage and image are the only untagged ones left, and are removed: reruns keep the
# layer cache without piling up a gigabyte per run.
build_image() {
    local old new old_stage
    old=$("$DOCKER" image inspect -f '{{.Id}}' "$image" 2>/dev/null)
    old_stage=$("$DOCKER" image inspect -f '{{.Id}}' "$build_stage" 2>/dev/null)
    cd "$repo" &&
    DOCKER_BUILDKIT=0 "$DOCKER" build --network none --build-arg MVN_FLAGS="-B -ntp -o" \
        -f deploy/docker/Dockerfile -t "$image" . &&
    DOCKER_BUILDKIT=0 "$DOCKER" build -q --network none --build-arg MVN_FLAGS="-B -ntp -o" \
        -f deploy/docker/Dockerfile --target build -t "$build_stage" . >/dev/null || return 1
    new=$("$DOCKER" image inspect -f '{{.Id}}' "$image")
    [ -z "$old" ] || [ "$old" = "$new" ] || "$DOCKER" rmi "$old" >/dev/null 2>&1 || true
    [ -z "$old_stage" ] || [ "$old_stage" = "$("$DOCKER" image inspect -f '{{.Id}}' "$build_stage")" ] ||
        "$DOCKER" rmi "$old_stage" >/dev/null 2>&1 || true
    "$DOCKER" image inspect -f 'size {{.Size}} bytes, user {{.Config.User}}' "$image"
}
step "image: docker build -f deploy/docker/Dockerfile -t $image . (offline, --network none)" build_image || exit 1

# proc_status CONTAINER FIELD: a field of /proc/<pid>/status of the container's main process.
proc_status() {
    local pid
    pid=$("$DOCKER" inspect -f '{{.State.Pid}}' "$1") && [ "$pid" -gt 0 ] &&
    awk -v f="$2:" '$1 == f { $1 = ""; sub(/^ /, ""); print }' "/proc/$pid/status"
}

# The image as is (its own USER), nothing mounted. On the host's network with a loopback port of
# its own: the default bridge is not needed (and :9100 stays free for the stack).
read_only_run() {
    [ "$("$DOCKER" image inspect -f '{{.Config.User}}' "$image")" = 10001:10001 ] || { echo "image USER is not 10001:10001"; return 1; }
    "$DOCKER" rm -f "$ro_container" >/dev/null 2>&1
    "$DOCKER" run -d --name "$ro_container" --read-only --tmpfs /tmp:size=16m --network host \
        "$image" --web.listen-address="127.0.0.1:$ro_port" || return 1
    [ "$("$DOCKER" inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$ro_container")" = true ] || { echo "root filesystem not read-only"; return 1; }
    retry 30 curl -fsS --max-time 5 "http://127.0.0.1:$ro_port/metrics" -o "$work/ro.prom" 2>/dev/null ||
        { echo "no answer on 127.0.0.1:$ro_port"; "$DOCKER" logs "$ro_container"; return 1; }
    grep '^node_load1 ' "$work/ro.prom" || { echo "no node_load1"; return 1; }
    local uid
    uid=$(proc_status "$ro_container" Uid)
    echo "Uid: $uid"
    [ "$(echo "$uid" | awk '{print $1 $2 $3 $4}')" = 10001100011000110001 ] || { echo "agent not uid 10001"; return 1; }
    # JNA's native library is loaded from the image (statfs of the filesystem collector), not
    # unpacked into /tmp.
    grep '^node_scrape_collector_success{collector="filesystem"} 1' "$work/ro.prom" ||
        { echo "filesystem collector (JNA statfs) failed"; grep scrape_collector_success "$work/ro.prom"; "$DOCKER" logs "$ro_container"; return 1; }
    if "$DOCKER" exec "$ro_container" sh -c 'echo x > /opt/tally/x' 2>/dev/null; then echo "the image's files are writable"; return 1; fi
    "$DOCKER" logs "$ro_container" 2>&1 | tail -n 5
}
step "image: runs as uid 10001 with --read-only --tmpfs /tmp, answers /metrics (JNA from the image)" read_only_run
"$DOCKER" rm -f "$ro_container" >/dev/null 2>&1


# ---- 2. the Swarm stack -------------------------------------------------------------------------
swarm_init() {
    "$DOCKER" swarm init --advertise-addr 127.0.0.1 && swarm_ours=1
}
# step runs its command in this shell (no subshell), so swarm_ours=1 sticks for cleanup.
step "swarm: docker swarm init --advertise-addr 127.0.0.1" swarm_init || exit 1

# The stack binds /, /proc and /sys with rslave propagation (so later host mounts show up in the
# container); Docker accepts that only when the source is a shared or slave mount. systemd makes
# every mount shared at boot; without systemd as PID 1 (this CI machine, containers) they are
# private, and every task fails with "path / is mounted on / but it is not a shared or slave
# mount". Each of the three is made shared (that mount only) for the run, private again after.
shared_mounts() {
    local m p
    for m in / /proc /sys; do
        p=$(findmnt -no PROPAGATION "$m")
        echo "$m is $p"
        case $p in shared* | slave*) continue ;; esac
        mount --make-shared "$m" && made_shared+=("$m") || return 1
    done
}
step "swarm: host's /, /proc, /sys are shared mounts, as under systemd (the stack's rslave binds)" shared_mounts || exit 1

agent_answers() { curl -fsS --max-time 5 http://127.0.0.1:9100/metrics -o "$work/agent.prom" 2>/dev/null; }
workload_running() { [ -n "$("$DOCKER" ps -q --filter "label=com.docker.swarm.service.name=$workload_service")" ]; }
agent_container() { "$DOCKER" ps -q --filter "label=com.docker.swarm.service.name=${stack}_agent" | head -n 1; }
deploy_stack() {
    cd "$repo" &&
    # The README's command, with the image built above.
    TALLY_IMAGE=$image "$DOCKER" stack deploy -c deploy/swarm/stack.yml "$stack" &&
    "$DOCKER" stack deploy -c deploy/test/e2e-workload.yml "$workload_stack" &&
    retry 90 agent_answers ||
        { "$DOCKER" service ps --no-trunc "${stack}_agent"; c=$(agent_container); [ -n "$c" ] && "$DOCKER" logs "$c"; return 1; }
    "$DOCKER" service ps "${stack}_agent" "$workload_service"
    # The workload task must run too (the container metric below is about it).
    retry 60 workload_running ||
        { echo "workload task not running"; "$DOCKER" service ps --no-trunc "$workload_service"; return 1; }
}
if step "swarm: docker stack deploy -c deploy/swarm/stack.yml $stack, workload stack, agent answers on :9100" deploy_stack; then
    agent_task() {
        local c
        c=$(agent_container)
        [ -n "$c" ] || { echo "no agent container"; return 1; }
        [ "$("$DOCKER" inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$c")" = true ] || { echo "root filesystem not read-only"; return 1; }
        local uid groups capeff nnp sock_gid
        uid=$(proc_status "$c" Uid); groups=$(proc_status "$c" Groups)
        capeff=$(proc_status "$c" CapEff); nnp=$(proc_status "$c" NoNewPrivs)
        sock_gid=$(stat -c %g /var/run/docker.sock)
        echo "Uid: $uid; Groups: $groups; CapEff: $capeff; NoNewPrivs: $nnp; socket gid $sock_gid"
        [ "$(echo "$uid" | awk '{print $1}')" = 10001 ] || { echo "agent not uid 10001"; return 1; }
        [[ " $groups " == *" $sock_gid "* ]] || { echo "agent lacks the socket's group $sock_gid"; return 1; }
        [ "$capeff" = 0000000000000000 ] || { echo "agent has capabilities"; return 1; }
        [ "$nnp" = 1 ] || { echo "no_new_privs not set"; return 1; }
        local host
        host=$(hostname)
        grep "^node_uname_info{" "$work/agent.prom" | grep -F "nodename=\"$host\"" ||
            { echo "node_uname_info does not name the node $host"; grep '^node_uname_info' "$work/agent.prom"; return 1; }
        local node_id
        node_id=$("$DOCKER" info --format '{{.Swarm.NodeID}}')
        grep -F "node_meta{" "$work/agent.prom" | grep -F "node_id=\"$node_id\"" ||
            { echo "no node_meta for node $node_id"; return 1; }
        # Host mounts through /host/proc, /host/sys and /rootfs: the root filesystem of the host,
        # with the prefix stripped.
        grep -E '^node_filesystem_size_bytes\{.*mountpoint="/"' "$work/agent.prom" ||
            { echo "no node_filesystem_size_bytes for the host's /"; grep '^node_filesystem_size_bytes' "$work/agent.prom" | head; return 1; }
        # Swarm ignores network_mode: host: the host's interfaces come through <procfs>/1/net/dev.
        local ifaces
        ifaces=$(awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' /proc/net/dev | grep -Ev '^(lo|veth.*)$' | head -n 3)
        local i
        for i in $ifaces; do
            grep -q "^node_network_receive_bytes_total{device=\"$i\"}" "$work/agent.prom" || { echo "host interface $i missing"; return 1; }
        done
        echo "host interfaces seen: $(echo $ifaces)"
    }
    step "swarm: agent task uid 10001 + socket group, no capabilities, read-only; names the node; host's / and interfaces" agent_task
else
    blocked "swarm: agent task checks" "stack deploy"
fi

# ---- 3. Prometheus with the Swarm discovery ----------------------------------------------------
# deploy/prometheus/prometheus-swarm.yml itself, with shorter intervals (rates need two samples)
# and the alert rules' absolute path; every job, discovery and relabelling is the shipped one.
gen_config() {
    python3 - "$repo/deploy/prometheus/prometheus-swarm.yml" "$work/prometheus.yml" "$repo/deploy/prometheus/alerts.yml" <<'PY'
import sys, yaml
src, out, rules = sys.argv[1:4]
c = yaml.safe_load(open(src))
jobs = {j["job_name"]: j for j in c["scrape_configs"]}
assert set(jobs) >= {"tally-node", "tally-containers"}, jobs.keys()
for name, j in jobs.items():
    sds = j.get("dockerswarm_sd_configs", [])
    assert sds and all(sd.get("role") == "tasks" for sd in sds), f"{name}: no dockerswarm_sd_configs role tasks"
    for sd in sds:
        sd["refresh_interval"] = "2s"
assert c["rule_files"] == ["alerts.yml"], c["rule_files"]
c["rule_files"] = [rules]
c["global"].update(scrape_interval="2s", scrape_timeout="2s", evaluation_interval="2s")
yaml.safe_dump(c, open(out, "w"), sort_keys=False)
PY
    promtool check config "$work/prometheus.yml"
}
start_prometheus() {
    prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus-data" \
        --web.listen-address="127.0.0.1:$prom_port" --storage.tsdb.retention.time=1h \
        >"$work/prometheus.log" 2>&1 &
    prom_pid=$!
    retry 30 prom /-/ready -o /dev/null 2>/dev/null || { tail -n 20 "$work/prometheus.log"; return 1; }
}
# targets_up JOB: every active target of JOB is up, and there is one; prints them.
targets_up() {
    prom /api/v1/targets | python3 -c '
import json, sys
job = sys.argv[1]
ts = [t for t in json.load(sys.stdin)["data"]["activeTargets"] if t["labels"].get("job") == job]
for t in ts:
    print(t["scrapeUrl"], t["labels"].get("instance"), t["health"], t.get("lastError", ""))
sys.exit(0 if ts and all(t["health"] == "up" for t in ts) else 1)' "$1"
}
# The last answer only, in $work/targets.
targets_up_to_file() { targets_up "$1" >"$work/targets" 2>&1; }
# dropped_targets JOB: what the discovery found and relabelling dropped (to see why a target is missing).
dropped_targets() {
    prom '/api/v1/targets?state=dropped' | python3 -c '
import json, sys
for t in json.load(sys.stdin)["data"]["droppedTargets"]:
    l = t["discoveredLabels"]
    if l.get("job") == sys.argv[1]:
        print("dropped:", " ".join(f"{k}={v}" for k, v in sorted(l.items()) if k.startswith("__address") or "network_id" in k or "port" in k or "node_address" in k or "desired" in k))' "$1"
}
node_targets() {
    retry 60 targets_up_to_file tally-node || { cat "$work/targets"; dropped_targets tally-node; return 1; }
    cat "$work/targets"
    # One target, the node's address with the host-mode port, instance = the node's hostname.
    [ "$(wc -l <"$work/targets")" = 1 ] || { echo "want exactly one tally-node target"; return 1; }
    grep -q " $(hostname) up" "$work/targets" || { echo "instance is not the node hostname $(hostname)"; return 1; }
}
node_metric() {
    local n
    retry 20 has_data 'node_load1{job="tally-node"}' || { echo 'node_load1{job="tally-node"} has no data'; return 1; }
    n=$(promq "node_load1{job=\"tally-node\",instance=\"$(hostname)\"}") && echo "node_load1: $n series" && [ "$n" = 1 ]
}
container_metric() {
    curl -fsS --max-time 5 http://127.0.0.1:8080/metrics -o "$work/containers.prom" || { echo "no answer on :8080"; return 1; }
    retry 60 targets_up_to_file tally-containers || { cat "$work/targets"; dropped_targets tally-containers; return 1; }
    cat "$work/targets"
    local q="container_cpu_usage_seconds_total{job=\"tally-containers\",container_label_com_docker_swarm_service_name=\"$workload_service\"}"
    retry 20 has_data "$q" ||
        { echo "$q has no data"; grep "$workload_service" "$work/containers.prom" | head; return 1; }
    prom /api/v1/query --data-urlencode "query=$q"; echo
}

prom_ok=0 node_ok=0
if step "prometheus: config generated from deploy/prometheus/prometheus-swarm.yml, promtool check config" gen_config &&
   step "prometheus: /usr/bin/prometheus on 127.0.0.1:$prom_port ($(prometheus --version 2>&1 | head -n 1 | awk '{print $3}'))" start_prometheus; then
    prom_ok=1
    step "prometheus: dockerswarm_sd (role tasks) finds the agent task, tally-node target up, instance = node hostname" node_targets && node_ok=1
    step "prometheus: node metric node_load1 has data" node_metric
    step "prometheus: tally-containers target up, workload's container_cpu_usage_seconds_total{container_label_com_docker_swarm_service_name} has data" container_metric
else
    blocked "prometheus: targets and metrics" "prometheus start"
fi

# ---- 4. alert rules and dashboard queries ----------------------------------------------------
rules_check() {
    cd "$repo/deploy/prometheus" && promtool check rules alerts.yml && promtool test rules alerts_test.yml
}
step "rules: promtool check rules alerts.yml, promtool test rules alerts_test.yml" rules_check

# Every rule Prometheus loaded from alerts.yml has been evaluated, without error.
rules_evaluated() {
    local want
    want=$(python3 -c 'import sys, yaml; print(sum(len(g["rules"]) for g in yaml.safe_load(open(sys.argv[1]))["groups"]))' "$repo/deploy/prometheus/alerts.yml")
    check() {
        prom /api/v1/rules | python3 -c '
import json, sys
want = int(sys.argv[1])
rules = [r for g in json.load(sys.stdin)["data"]["groups"] for r in g["rules"]]
bad = [r for r in rules if r.get("health") != "ok" or r.get("lastEvaluation", "").startswith("0001")]
for r in bad:
    print("not ok:", r["name"], r.get("health"), r.get("lastError", ""))
print(f"{len(rules)} rules loaded (alerts.yml has {want}), {len(rules) - len(bad)} evaluated ok")
sys.exit(0 if len(rules) == want and not bad else 1)' "$want"
    }
    retry 20 check
}
# cgroup v1 charges block I/O to a cgroup only where BFQ schedules the disk or a blkio throttle
# rule applies (recent kernels keep blk-throttle's statistics for groups with rules only): with
# neither, even the root's recursive totals say "Total 0", and the workload's
# container_fs_{reads,writes}_bytes_total are absent, as cAdvisor's would be. cgroup v2's io.stat
# counts every cgroup.
blkio_counted() {
    local d=/sys/fs/cgroup/blkio f
    [ -d "$d" ] || return 0
    for f in blkio.throttle.io_service_bytes_recursive blkio.bfq.io_service_bytes_recursive; do
        [ -r "$d/$f" ] && grep -qv '^Total' "$d/$f" && return 0
    done
    return 1
}
# Dashboards: wait for a few scrapes so rate() windows hold two samples and more.
dashboards_live() {
    sleep 6
    if ! blkio_counted; then
        echo "     (block I/O is charged to no cgroup on this kernel: v1 blkio without BFQ or throttle rules; the Block panels may be empty)"
        export EXTRA_NO_DATA_OK='container_fs_(reads|writes)_bytes_total'
    fi
    PROMETHEUS_URL="http://127.0.0.1:$prom_port" "$repo/deploy/test/check-dashboards.sh"
}
if [ "$prom_ok" = 1 ]; then
    step "rules: Prometheus evaluates every rule of alerts.yml without error" rules_evaluated
fi
if [ "$node_ok" = 1 ]; then
    t0=$(date +%s)
    dashboards_live >"$log" 2>&1
    rc=$?
    # check-dashboards.sh prints its own PASS/FAIL/SKIP lines.
    sed 's/^\(PASS\|FAIL\|SKIP\) /\1 dashboards: /' "$log" | grep -Ev '^PASS dashboards: live \(no data here, allowed\)'
    grep -c '^PASS dashboards\?: live (no data here, allowed)\|^PASS live (no data here, allowed)' "$log" |
        awk '$1 > 0 { print "     (" $1 " queries allowed to be empty on this host: sensors, cpufreq, conntrack...)" }'
    [ "$rc" = 0 ] || failed=1
    echo "     ($(( $(date +%s) - t0 ))s)"
else
    blocked "dashboards: every query evaluated, returns data" "the tally-node target"
fi

# The stack goes now: step 5 needs neither it nor its ports.
if [ -n "$prom_pid" ]; then kill "$prom_pid" 2>/dev/null; wait "$prom_pid" 2>/dev/null; prom_pid=; fi
teardown() {
    "$DOCKER" stack rm "$stack" "$workload_stack" &&
    retry 60 stacks_gone &&
    "$DOCKER" swarm leave --force && swarm_ours=0 &&
    { [ "$gwbridge_before" = 1 ] || "$DOCKER" network rm docker_gwbridge; } &&
    restore_private &&
    [ "$("$DOCKER" info --format '{{.Swarm.LocalNodeState}}')" = inactive ]
}
step "cleanup: stacks removed, their containers gone, Swarm left, Prometheus stopped" teardown

# ---- 5. the .deb --------------------------------------------------------------------------------
if [ "${E2E_SKIP_DEB:-0}" = 1 ]; then
    skip "deb: E2E_SKIP_DEB=1"
else
    t0=$(date +%s)
    "$repo/deploy/test/deb-test.sh" >"$log" 2>&1
    rc=$?
    sed -n 's/^\(PASS\|FAIL\|SKIP\) /\1 deb: /p; /^    | /p' "$log"
    [ "$rc" = 0 ] || { failed=1; grep -q '^\(PASS\|FAIL\)' "$log" || tail -n 20 "$log"; }
    echo "     ($(( $(date +%s) - t0 ))s)"
fi

if [ "$failed" = 0 ]; then echo "e2e: PASSED"; else echo "e2e: FAILED"; fi
exit "$failed"
