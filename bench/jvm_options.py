#!/usr/bin/env python3
"""What each JVM option is worth to Tally: RSS, CPU per scrape and startup, one run per option set.

Each variant starts Tally alone on the benchmark's loopback ports (no node_exporter beside it),
times the first successful scrape, then scrapes the host and container endpoints in turn (one
keep-alive connection each, gzip, as Prometheus) and reports RSS at the first scrape, after
warm-up and at the end, CPU per host and per container scrape, and threads. Variants are the
shipped options (deploy/systemd/tally.default) with one change each, so every row reads as "this
option is worth X". Containers already running count (start some with `docker run ... sleep` to
measure at 50). Writes bench/results/jvm-options.json and prints one line per variant.
Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scrape_bench import (RESULTS, ROOT, Scraper, cpu_ms, default_java_opts, port_in_use,  # noqa: E402
                          rss_mib, threads, use_shipped_environment, wait_ready)

PORT, CONTAINER_PORT = 19200, 19280
C1_LATE = ['-XX:Tier3InvocationThreshold=2000', '-XX:Tier3MinInvocationThreshold=1000',
           '-XX:Tier3CompileThreshold=20000', '-XX:Tier3BackEdgeThreshold=600000']


def without(options, prefix):
    return [o for o in options if not o.startswith(prefix)]


def variants(shipped):
    """(name, JVM options, environment changes): the shipped set, then one change each."""
    rows = [
        ('JVM defaults (G1, C2, 1/4 RAM heap)', [], {}),
        ('shipped', shipped, {}),
        ('shipped, G1 instead of SerialGC', without(shipped, '-XX:+UseSerialGC') + ['-XX:+UseG1GC'], {}),
        ('shipped, C2 too (no TieredStopAtLevel=1)', without(shipped, '-XX:TieredStopAtLevel'), {}),
        ('shipped, default thread stacks (no -Xss256k)', without(shipped, '-Xss'), {}),
        ('shipped, -Xmx64m', without(shipped, '-Xmx') + ['-Xmx64m'], {}),
        ('shipped, -Xmx24m', without(shipped, '-Xmx') + ['-Xmx24m'], {}),
        ('shipped, -Xshare:off (no CDS at all)', shipped + ['-Xshare:off'], {}),
        # C1 compiles a method after about 200 calls (the Tier3 thresholds also rule a C1-only VM):
        # start-up code (flag parsing, the Docker client's set-up) gets compiled and kept.
        ('shipped, C1 thresholds x10', shipped + C1_LATE, {}),
        ('shipped, -Xmn4m (small young generation)', shipped + ['-Xmn4m'], {}),
        # JDK 17.0.9+: gives freed malloc memory back to the OS on a timer.
        ('shipped, no -XX:TrimNativeHeapInterval', without(shipped, '-XX:TrimNativeHeapInterval'), {}),
        ('shipped, MALLOC_ARENA_MAX unset (glibc: 8 arenas per core)', shipped, {'MALLOC_ARENA_MAX': None}),
    ]
    # The agent's own class-data sharing archive (deploy/cds) against the JDK's default one.
    rows.append(('shipped, JDK default CDS archive (no -XX:SharedArchiveFile)', without(shipped, '-XX:SharedArchiveFile'), {}))
    return rows


def argv(jar, options, host_only):
    # The container address is always given, so nothing binds the default :8080.
    command = ['java', *options, '-jar', jar, f'--web.listen-address=127.0.0.1:{PORT}',
               f'--container.listen-address=127.0.0.1:{CONTAINER_PORT}', '--log.level=error']
    return command + (['--no-collector.container', '--no-collector.machine'] if host_only else [])


def free_ports(wait_s=120):
    """Another run on the same host (a second checkout's benchmark) would answer our scrapes."""
    end = time.monotonic() + wait_s
    while port_in_use(PORT) or port_in_use(CONTAINER_PORT):
        if time.monotonic() > end:
            raise SystemExit(f'ports {PORT}/{CONTAINER_PORT} stay in use by another process')
        time.sleep(1)


def running_containers():
    """Containers on this host's daemon (each variant records it: on a shared daemon it can change)."""
    if not os.path.exists('/usr/bin/docker'):
        return 0
    return len(subprocess.run(['docker', 'ps', '-q'], capture_output=True, text=True).stdout.split())


def measure(jar, options, env_changes, scrapes, warmup, host_only):
    env = dict(os.environ)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    free_ports()
    started = time.monotonic()
    process = subprocess.Popen(argv(jar, options, host_only), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    try:
        row = {'startup_s': round(wait_ready(PORT, process) - started, 3)}
        pid = process.pid
        row['rss_first_scrape_mib'] = round(rss_mib(pid), 1)
        host = Scraper(PORT)
        containers = None if host_only else Scraper(CONTAINER_PORT)
        for _ in range(warmup):
            host.get()
            if containers:
                containers.get()
        row['rss_after_warmup_mib'] = round(rss_mib(pid), 1)
        host_cpu = container_cpu = 0.0
        for _ in range(scrapes):
            before = cpu_ms(pid)
            host.get()
            host_cpu += cpu_ms(pid) - before
            if containers:
                before = cpu_ms(pid)
                containers.get()
                container_cpu += cpu_ms(pid) - before
        row['host_cpu_ms_per_scrape'] = round(host_cpu / scrapes, 2)
        if containers:
            row['container_cpu_ms_per_scrape'] = round(container_cpu / scrapes, 2)
            containers.close()
        host.close()
        row['rss_end_mib'] = round(rss_mib(pid), 1)
        row['threads'] = threads(pid)
        if not host_only:
            row['containers_running'] = running_containers()
        return row
    finally:
        process.terminate()
        process.wait(30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--quick', action='store_true', help='200 scrapes per variant instead of 1000')
    parser.add_argument('--jar', default=os.path.join(ROOT, 'agent', 'target', 'tally.jar'))
    parser.add_argument('--host-only', action='store_true', help='container and machine collectors off (no Docker client)')
    parser.add_argument('--only', help='run the variants whose name contains one of these |-separated parts')
    parser.add_argument('--out', default=os.path.join(RESULTS, 'jvm-options.json'))
    args = parser.parse_args()
    scrapes, warmup = (200, 50) if args.quick else (1000, 200)
    shipped = default_java_opts(args.jar).split()
    use_shipped_environment()  # every variant starts from the service's environment (MALLOC_ARENA_MAX)
    rows = []
    for name, options, env in variants(shipped):
        if args.only and not any(part in name for part in args.only.split('|')):
            continue
        row = {'variant': name, 'options': ' '.join(options), 'env': env}
        row.update(measure(args.jar, options, env, scrapes, warmup, args.host_only))
        rows.append(row)
        print(f"{name:48} start {row['startup_s']:5.2f} s  RSS first {row['rss_first_scrape_mib']:6.1f}  "
              f"warm {row['rss_after_warmup_mib']:6.1f}  end {row['rss_end_mib']:6.1f} MiB  "
              f"host {row['host_cpu_ms_per_scrape']:6.2f} ms  container {row.get('container_cpu_ms_per_scrape', '-')} ms",
              flush=True)
    report = {'time': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'scrapes': scrapes, 'warmup': warmup,
              'containers_running': 0 if args.host_only else running_containers(), 'host_only': args.host_only, 'load': os.getloadavg(),
              'shipped': ' '.join(shipped), 'rows': rows}
    with open(args.out, 'w') as f:
        json.dump(report, f, indent=2)


if __name__ == '__main__':
    sys.exit(main())
