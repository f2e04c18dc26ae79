#!/usr/bin/env bash
# Checks every PromQL query the project ships: each `expr` of the Grafana dashboards (panels and
# template variables) and each alert rule's expr.
#   1. parse: promtool 2.42 has no expression checker, so the queries go into a generated rules
#      file, one recording rule each, and `promtool check rules` parses them;
#   2. metrics: every metric name a query reads is one Tally serves (the node_* families of
#      test-fixtures/*/expected.node.prom, the cAdvisor families the container endpoint serves,
#      and Prometheus' own `up`);
#   3. with PROMETHEUS_URL set (e.g. http://127.0.0.1:9090): every query is evaluated there and
#      must succeed, and each dashboard query must return data; NO_DATA_OK (a regex on the query)
#      excuses queries that can only have data on some hosts (temperatures, under-voltage, OOM
#      kills...). Alert expressions must only evaluate: they are empty while nothing is wrong.
#      SKIP_QUERIES (a regex on the query) marks dashboard queries whose data cannot exist on
#      that Prometheus yet (e2e.sh: container_ while the image has no container endpoint): they
#      must still evaluate, and an empty answer prints SKIP with $SKIP_REASON, not FAIL.
# Grafana's variables are replaced first: $__rate_interval/$__interval → 1m/5m, $__range → 1h, and
# every other $var (always inside a =~"..." matcher in these dashboards) → .*
# Usage: deploy/test/check-dashboards.sh [file.json|rules.yml ...]
# One PASS/FAIL line per check; exit status 0 only when all passed. Needs promtool and python3
# with PyYAML (apt-get install prometheus python3-yaml).
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
# Arguments (optional): the files to check instead of the shipped ones; *.json are dashboards,
# anything else a rules file.
dashboards=() rules=()
for f in "$@"; do case $f in *.json) dashboards+=("$f") ;; *) rules+=("$f") ;; esac; done
if [ $# = 0 ]; then
    dashboards=("$repo"/deploy/grafana/dashboards/*.json)
    rules=("$repo"/deploy/prometheus/alerts.yml)
fi
work=$(mktemp -d /tmp/tally-check-dashboards.XXXXXX)
trap 'rm -rf "$work"' EXIT

command -v promtool >/dev/null || { echo "FAIL prerequisites: promtool not found (apt-get install prometheus)"; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "FAIL prerequisites: python3 with PyYAML (apt-get install python3-yaml)"; exit 1; }

# Metric families Tally serves. Host: every family in the golden expected files. Containers: the
# cAdvisor families the dashboards and alerts may use (the container endpoint serves these).
{
    grep -h '^# TYPE ' "$repo"/test-fixtures/*/expected.node.prom | awk '{print $3}'
    printf '%s\n' up \
        container_cpu_usage_seconds_total container_memory_working_set_bytes container_memory_usage_bytes \
        container_network_receive_bytes_total container_network_transmit_bytes_total \
        container_fs_reads_bytes_total container_fs_writes_bytes_total container_spec_memory_limit_bytes \
        container_last_seen container_oom_events_total
} | sort -u >"$work/served"

# Extract the queries: "<source>\t<where>\t<expr as written>\t<expr with variables replaced>".
python3 - "$work/queries.tsv" "${dashboards[@]}" -- "${rules[@]}" <<'PY'
import json, re, sys, yaml

out_path = sys.argv[1]
args = sys.argv[2:]
sep = args.index("--")
dash_files, rule_files = args[:sep], args[sep + 1:]
rows = []

def substitute(expr):
    expr = re.sub(r"\$\{?__rate_interval\}?", "5m", expr)
    expr = re.sub(r"\$\{?__interval\}?", "1m", expr)
    expr = re.sub(r"\$\{?__range\}?", "1h", expr)
    # Any other variable must sit inside a regex matcher's string: =~"...$var..."
    for m in re.finditer(r"\$\{?(\w+)\}?", expr):
        before = expr[:m.start()]
        if not re.search(r'=~\s*"[^"]*$', before):
            raise SystemExit(f"variable ${m.group(1)} outside a =~ matcher in: {expr}")
    return re.sub(r"\$\{?\w+\}?", ".*", expr)

def walk(panels, name):
    for p in panels:
        yield from walk(p.get("panels", []), name)
        for t in p.get("targets", []):
            if t.get("expr"):
                yield f'panel "{p.get("title")}" {t.get("refId")}', t["expr"]

for f in dash_files:
    d = json.load(open(f))
    name = f.rsplit("/", 1)[-1]
    for where, expr in walk(d.get("panels", []), name):
        rows.append((name, where, expr))
    for v in d.get("templating", {}).get("list", []):
        if v.get("type") != "query":
            continue
        q = v["query"]["query"] if isinstance(v["query"], dict) else v["query"]
        m = re.fullmatch(r"\s*label_values\((.*),\s*\w+\s*\)\s*", q) or re.fullmatch(r"\s*query_result\((.*)\)\s*", q)
        if m:
            rows.append((name, f'variable ${v["name"]}', m.group(1)))
        elif not re.fullmatch(r"\s*label_values\(\s*\w+\s*\)\s*", q):
            raise SystemExit(f"{name}: variable {v['name']}: query not understood: {q}")

for f in rule_files:
    doc = yaml.safe_load(open(f))
    name = f.rsplit("/", 1)[-1]
    for g in doc["groups"]:
        for r in g["rules"]:
            rows.append((name, f'{"alert " + r["alert"] if "alert" in r else "record " + r["record"]}', r["expr"]))

with open(out_path, "w") as out:
    for src, where, expr in rows:
        flat = " ".join(expr.split())
        out.write(f"{src}\t{where}\t{flat}\t{substitute(flat)}\n")
PY
[ $? = 0 ] || { echo "FAIL extract: queries could not be read"; exit 1; }

failed=0
total=$(wc -l <"$work/queries.tsv")

# 1. Parse, one recording rule per query.
to_rules() {
    python3 - "$1" "$2" <<'PY'
import sys, yaml
rules = []
for i, line in enumerate(open(sys.argv[1])):
    src, where, raw, expr = line.rstrip("\n").split("\t")
    rules.append({"record": f"tally_check:query_{i}", "expr": expr})
yaml.safe_dump({"groups": [{"name": "tally-dashboard-queries", "rules": rules}]}, open(sys.argv[2], "w"), width=1 << 20)
PY
}
to_rules "$work/queries.tsv" "$work/all.rules.yml"
if promtool check rules "$work/all.rules.yml" >"$work/promtool.out" 2>&1; then
    echo "PASS parse: $total queries ($(printf '%s ' "${dashboards[@]##*/}" "${rules[@]##*/}"))"
else
    echo "FAIL parse:"
    failed=1
    # Find the culprits one by one.
    while IFS= read -r line; do
        printf '%s\n' "$line" >"$work/one.tsv"
        to_rules "$work/one.tsv" "$work/one.rules.yml"
        if ! promtool check rules "$work/one.rules.yml" >"$work/one.out" 2>&1; then
            IFS=$'\t' read -r src where raw expr <<<"$line"
            echo "    $src $where: $raw"
            grep -i 'err' "$work/one.out" | sed 's/^/      /' | head -n 3
        fi
    done <"$work/queries.tsv"
fi

# 2. Only metrics Tally serves. Names are what remains once strings, label matchers, ranges,
#    grouping clauses, function calls, keywords and numbers are taken out.
python3 - "$work/queries.tsv" "$work/served" >"$work/unknown" <<'PY'
import re, sys
served = set(open(sys.argv[2]).read().split())
keywords = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
            "bool", "offset", "inf", "nan", "atan2"}
for line in open(sys.argv[1]):
    src, where, raw, expr = line.rstrip("\n").split("\t")
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    e = re.sub(r"\{[^}]*\}", "", e)
    e = re.sub(r"\[[^\]]*\]", "", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        name = m.group(0)
        if name in keywords or e[m.end():].lstrip().startswith("("):
            continue
        if re.fullmatch(r"\d+[smhdwy]", name) or name.lower() in ("e",):
            continue
        if name not in served:
            print(f"{src} {where}: {name}")
PY
if [ -s "$work/unknown" ]; then
    echo "FAIL metrics: queries read metrics Tally does not serve:"
    sed 's/^/    /' "$work/unknown"
    failed=1
else
    echo "PASS metrics: every query reads only metrics Tally serves ($(wc -l <"$work/served") families known)"
fi

# 3. Against a live Prometheus, when given.
if [ -n "${PROMETHEUS_URL:-}" ]; then
    command -v curl >/dev/null || { echo "FAIL live: curl not found"; exit 1; }
    # Hardware a VM or a host may lack (sensors, cpufreq, a Pi's under-voltage flag, conntrack),
    # events that may never have happened, and filters ("== 0") that are empty when all is well.
    no_data_ok=${NO_DATA_OK:-node_hwmon_|node_thermal_zone_temp|node_cpu_scaling_frequency|node_nf_conntrack|container_oom_events_total|== 0}
    # What the caller knows this host cannot have (e2e.sh: block I/O on a kernel that charges none to cgroups).
    [ -z "${EXTRA_NO_DATA_OK:-}" ] || no_data_ok="$no_data_ok|$EXTRA_NO_DATA_OK"
    skip_queries=${SKIP_QUERIES:-}
    live_failed=0 live_skipped=0
    while IFS=$'\t' read -r src where raw expr; do
        body=$(curl -fsS --max-time 10 "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$expr" 2>&1) ||
            { echo "FAIL live: $src $where: request failed: $body"; live_failed=1; continue; }
        n=$(printf '%s' "$body" | python3 -c 'import json,sys; d=json.load(sys.stdin); r=d["data"]["result"]; print(len(r) if isinstance(r, list) else 1) if d.get("status")=="success" else print(-1)')
        if [ "$n" = -1 ]; then
            echo "FAIL live: $src $where: $body"; live_failed=1
        elif [ "$n" = 0 ]; then
            # An alert expression is empty while nothing is wrong: evaluating it is the check.
            if [[ $src != *.json ]]; then
                :
            elif [ -n "$skip_queries" ] && printf '%s' "$raw" | grep -Eq -- "$skip_queries"; then
                echo "SKIP live: $src $where: no data (${SKIP_REASON:-SKIP_QUERIES}): $raw"
                live_skipped=$((live_skipped + 1))
            elif printf '%s' "$raw" | grep -Eq -- "$no_data_ok"; then
                echo "PASS live (no data here, allowed): $src $where"
            else
                echo "FAIL live: $src $where: no data: $raw"; live_failed=1
            fi
        fi
    done <"$work/queries.tsv"
    if [ "$live_failed" = 0 ]; then
        skipped=""
        [ "$live_skipped" = 0 ] || skipped=" ($live_skipped without data, skipped)"
        echo "PASS live: $total queries evaluated at $PROMETHEUS_URL$skipped"
    else
        failed=1
    fi
fi

exit "$failed"
