#!/usr/bin/env python3
"""Whole-process benchmark: Tally against Debian's node_exporter on the same host, one run.

Started by bench/run.sh (which builds the jar first). Standard library only: this is a harness that
starts processes, scrapes them over loopback and reads /proc/<pid>/{stat,status}.

Sections (each can be skipped, see --help):
  startup     process start -> first HTTP 200 on /metrics, and RSS at that moment
  scrape      warm-up, then A B A B ... N times; per exporter median/p99 latency, CPU ms per scrape
              (utime+stime delta of /proc/<pid>/stat / SC_CLK_TCK / N), RSS after warm-up, at the end
              and the maximum over the last half (flatness), response size, sample count
  idle        Tally's CPU with no scrapes, then at a 15 s scrape interval
  concurrent  20 requests at once: how many collections they cost (distinct values of
              node_scrape_collector_duration_seconds{collector="cpu"} among the 20 answers)
  containers  the :8080 endpoint with 0, 10, 50 (200) busybox containers: CPU per scrape, median
              latency, slope in ms per container; drawn to results/containers.svg. Beside each step
              its floor, what serving that answer costs any exporter: the kernel's CPU to format
              once each file Tally reads (the ones it holds open, named by its /proc/<pid>/fd) and
              zlib level 1 over the answer; Tally's own share is the difference
  footprint   a fresh Tally, both endpoints scraped in turn 10,000 times (--quick 2,000) with 50 containers: RSS
              along the way and over the last half (flat or growing), threads, open descriptors
  tasks       10 containers of one process, then 10 of 21 (a shell and 20 sleeps): what each task of a
              container costs a scrape (container_tasks_state reads one file per task)

Both exporters run the same collector set with upstream (not Debian-patched) defaults, so the
comparison is like for like. Writes results/latest.json and prints a table.
"""
import argparse
import gzip
import hashlib
import http.client
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib

CLK_TCK = os.sysconf('SC_CLK_TCK')
PAGE = os.sysconf('SC_PAGE_SIZE')
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS = os.path.join(HERE, 'results')

NODE_EXPORTER = '/usr/bin/prometheus-node-exporter'
DOCKER = '/usr/bin/docker'
IMAGE = 'tally-test/busybox:latest'
CONTAINER_PREFIX = 'tally-bench-'
TASKS_PREFIX = CONTAINER_PREFIX + 'tasks-'  # not CONTAINER_PREFIX + digits: the container steps do not count them

# What Prometheus sends: text format, gzip. Both exporters then pay for compression, as in production.
HEADERS = {'Accept': 'text/plain;version=0.0.4;q=0.5,*/*;q=0.1', 'Accept-Encoding': 'gzip'}

# Upstream (1.12) defaults that Debian's 1.5 package patches, taken from Tally's own defaults.
UPSTREAM_FLAGS = [
    '--collector.netdev.device-exclude=^$',
    '--collector.diskstats.device-exclude=^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$',
    '--collector.filesystem.mount-points-exclude='
    '^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)',
    '--collector.filesystem.fs-types-exclude=^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs'
    '|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs'
    '|erofs|sysfs|tracefs)$',
]
# node_exporter default collectors Tally does not have: off, so both do the same work.
NOT_IN_TALLY = ['bcache', 'bonding', 'btrfs', 'fibrechannel', 'infiniband', 'ipvs', 'mdadm', 'nfs', 'nfsd',
                'nvme', 'rapl', 'tapestats', 'xfs', 'zfs', 'systemd']


# ---- /proc ------------------------------------------------------------------------------------
def cpu_ticks(pid):
    """utime + stime of a process in clock ticks (fields 14 and 15 of /proc/<pid>/stat)."""
    with open(f'/proc/{pid}/stat') as f:
        text = f.read()
    fields = text[text.rindex(')') + 2:].split()
    return int(fields[11]) + int(fields[12])


def cpu_ms(pid):
    return cpu_ticks(pid) * 1000.0 / CLK_TCK


def status(pid, key):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith(key + ':'):
                return int(line.split()[1])
    return None


def rss_mib(pid):
    return status(pid, 'VmRSS') / 1024.0


def threads(pid):
    return status(pid, 'Threads')


# ---- HTTP -------------------------------------------------------------------------------------
class Scraper:
    """One keep-alive connection, as a Prometheus server keeps one per target."""

    def __init__(self, port, path='/metrics'):
        self.port, self.path, self.conn = port, path, None

    def get(self, timeout=30):
        """Returns (seconds, raw body, decoded text or None when not asked)."""
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=timeout)
            start = time.perf_counter()
            try:
                self.conn.request('GET', self.path, headers=HEADERS)
                response = self.conn.getresponse()
                body = response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
                continue
            elapsed = time.perf_counter() - start
            if response.status != 200:
                raise RuntimeError(f':{self.port}{self.path} answered {response.status}')
            if response.getheader('Connection', '').lower() == 'close':
                self.conn.close()
                self.conn = None
            return elapsed, body, response.getheader('Content-Encoding') == 'gzip'

    def text(self):
        _, body, gz = self.get()
        return gzip.decompress(body).decode() if gz else body.decode()

    def close(self):
        if self.conn:
            self.conn.close()


def samples(text):
    return sum(1 for line in text.splitlines() if line and not line.startswith('#'))


def series_value(text, name, label_part):
    for line in text.splitlines():
        if line.startswith(name + '{') and label_part in line:
            return line.rsplit(' ', 1)[1]
    return None


def port_in_use(port):
    import socket
    with socket.socket() as sock:
        return sock.connect_ex(('127.0.0.1', port)) == 0


def wait_ready(port, proc, deadline_s=30.0):
    """Polls until the first 200 on /metrics; returns seconds since `proc` was started."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f'process on :{port} exited with {proc.returncode}')
        try:
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
            conn.request('GET', '/metrics')
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                return time.monotonic()
        except OSError:
            pass
        time.sleep(0.005)
    raise RuntimeError(f'nothing answered on :{port} within {deadline_s} s')


# ---- processes --------------------------------------------------------------------------------
class Exporter:
    def __init__(self, name, argv, port, logdir):
        self.name, self.argv, self.port = name, argv, port
        self.log = open(os.path.join(logdir, name + '.log'), 'w')
        self.proc = None

    def start(self):
        # The port may be held for a while by someone else's exporter on a shared machine: wait.
        end = time.monotonic() + 300
        while port_in_use(self.port):
            if time.monotonic() > end:
                raise RuntimeError(f':{self.port} is still in use after 300 s')
            time.sleep(1)
        t0 = time.monotonic()
        self.proc = subprocess.Popen(self.argv, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        ready = wait_ready(self.port, self.proc)
        return {'startup_s': round(ready - t0, 3), 'rss_at_start_mib': round(rss_mib(self.proc.pid), 1)}

    @property
    def pid(self):
        return self.proc.pid

    def restart(self):
        """A fresh process (same log): a footprint not shaped by the steps before it."""
        self.proc.terminate()
        self.proc.wait(10)
        return self.start()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def node_exporter_argv(port, textfile_dir):
    return ([NODE_EXPORTER, f'--web.listen-address=127.0.0.1:{port}',
             f'--collector.textfile.directory={textfile_dir}']
            + UPSTREAM_FLAGS + [f'--no-collector.{c}' for c in NOT_IN_TALLY])


# Tally collectors that Debian's node_exporter 1.5 lacks (watchdog came in 1.9): off, same reason.
NOT_IN_NODE_EXPORTER = ['watchdog']


def tally_argv(java_opts, port, cport, textfile_dir, jar):
    return (['java'] + java_opts.split() + ['-jar', jar, f'--web.listen-address=127.0.0.1:{port}',
                                            f'--container.listen-address=127.0.0.1:{cport}',
                                            f'--collector.textfile.directory={textfile_dir}']
            + [f'--no-collector.{c}' for c in NOT_IN_NODE_EXPORTER])


# ---- measurements -----------------------------------------------------------------------------
def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def collector_set(text):
    return {m.group(1) for m in re.finditer(r'^node_scrape_collector_success\{collector="([^"]+)"\}', text, re.M)}


def scrape_section(exporters, n, warmup):
    scrapers = {e.name: Scraper(e.port) for e in exporters}
    for _ in range(warmup):
        for e in exporters:
            scrapers[e.name].get()
    out = {}
    texts = {e.name: scrapers[e.name].text() for e in exporters}
    for e in exporters:
        out[e.name] = {'rss_after_warmup_mib': round(rss_mib(e.pid), 1), 'samples': samples(texts[e.name]),
                       'collectors': sorted(collector_set(texts[e.name]))}
    lat = {e.name: [] for e in exporters}
    rss_trace = {e.name: [] for e in exporters}
    sizes = {e.name: 0 for e in exporters}
    cpu0 = {e.name: cpu_ticks(e.pid) for e in exporters}
    t0 = time.monotonic()
    every = max(1, n // 40)
    for i in range(n):
        for e in exporters:
            seconds, body, _ = scrapers[e.name].get()
            lat[e.name].append(seconds * 1000.0)
            sizes[e.name] = len(body)
        if i % every == 0 or i == n - 1:
            for e in exporters:
                rss_trace[e.name].append((i, rss_mib(e.pid)))
    wall = time.monotonic() - t0
    for e in exporters:
        ticks = cpu_ticks(e.pid) - cpu0[e.name]
        last_half = [r for i, r in rss_trace[e.name] if i >= n // 2]
        out[e.name].update({
            'scrapes': n,
            'median_ms': round(statistics.median(lat[e.name]), 3),
            'p99_ms': round(percentile(lat[e.name], 99), 3),
            'cpu_ms_per_scrape': round(ticks * 1000.0 / CLK_TCK / n, 3),
            'rss_end_mib': round(rss_trace[e.name][-1][1], 1),
            'rss_max_last_half_mib': round(max(last_half), 1),
            'rss_min_last_half_mib': round(min(last_half), 1),
            'threads_end': threads(e.pid),
            'gzip_bytes': sizes[e.name],
            'text_bytes': len(texts[e.name].encode()),
        })
        scrapers[e.name].close()
    out['wall_s'] = round(wall, 1)
    return out


def idle_section(tally, idle_s, interval_s, window_s):
    c0 = cpu_ms(tally.pid)
    time.sleep(idle_s)
    idle = cpu_ms(tally.pid) - c0
    s = Scraper(tally.port)
    c0 = cpu_ms(tally.pid)
    end = time.monotonic() + window_s
    scrapes = 0
    while time.monotonic() < end:
        s.get()
        scrapes += 1
        time.sleep(max(0.0, min(interval_s, end - time.monotonic())))
    s.close()
    return {'no_scrapes_window_s': idle_s, 'no_scrapes_cpu_ms': round(idle, 1),
            'interval_s': interval_s, 'interval_window_s': window_s, 'interval_scrapes': scrapes,
            'interval_cpu_ms': round(cpu_ms(tally.pid) - c0, 1)}


def concurrent_section(exporter, clients=20):
    barrier = threading.Barrier(clients)
    answers, errors = [None] * clients, []

    def one(k):
        s = Scraper(exporter.port)
        barrier.wait()
        try:
            answers[k] = s.text()
        except Exception as e:  # a 503 over --web.max-requests counts as an answer not served
            errors.append(str(e))
        s.close()

    c0 = cpu_ms(exporter.pid)
    workers = [threading.Thread(target=one, args=(k,)) for k in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    cpu = cpu_ms(exporter.pid) - c0
    durations = {series_value(a, 'node_scrape_collector_duration_seconds', 'collector="cpu"')
                 for a in answers if a}
    return {'clients': clients, 'served': sum(1 for a in answers if a), 'errors': len(errors),
            'collections': len(durations), 'cpu_ms': round(cpu, 1)}


# ---- containers -------------------------------------------------------------------------------
def docker(*args, check=True):
    return subprocess.run([DOCKER, *args], check=check, capture_output=True, text=True).stdout


def bench_containers():
    names = docker('ps', '-aq', '--filter', f'name=^{CONTAINER_PREFIX}').split()
    return names


def set_container_count(n):
    have = len(bench_containers())
    # Started a few at a time in parallel; busybox starts fast but dockerd serialises a lot.
    pending = list(range(have, n))
    while pending:
        batch, pending = pending[:8], pending[8:]
        procs = [subprocess.Popen([DOCKER, 'run', '-d', '--network', 'none', '--name', f'{CONTAINER_PREFIX}{k}',
                                   IMAGE, 'sleep', '3600'], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for k in batch]
        for p in procs:
            _, err = p.communicate()
            if p.returncode != 0:
                raise RuntimeError('docker run failed: ' + err.decode().strip())


def trim_containers(n):
    """Removes bench containers beyond the first n (by name order)."""
    names = sorted(docker('ps', '-a', '--filter', f'name=^{CONTAINER_PREFIX}', '--format', '{{.Names}}').split(),
                   key=lambda name: int(name[len(CONTAINER_PREFIX):]))
    extra = names[n:]
    for k in range(0, len(extra), 50):
        docker('rm', '-f', *extra[k:k + 50], check=False)


def remove_containers():
    ids = bench_containers()
    for k in range(0, len(ids), 50):
        docker('rm', '-f', *ids[k:k + 50], check=False)


def wait_containers_seen(scraper, n, deadline_s=60):
    end = time.monotonic() + deadline_s
    seen = -1
    while time.monotonic() < end:
        text = scraper.text()
        seen = len(set(re.findall(r'name="(' + CONTAINER_PREFIX + r'\d+)"', text)))
        if seen == n:
            return text
        time.sleep(0.5)
    raise RuntimeError(f'Tally shows {seen} bench containers, expected {n}')


def containers_section(tally_port, tally, counts, n):
    s = Scraper(tally_port)
    rows = []
    for count in counts:
        set_container_count(count)
        text = wait_containers_seen(s, count)
        for _ in range(20):
            s.get()
        lat = []
        c0 = cpu_ticks(tally.pid)
        for _ in range(n):
            seconds, body, _ = s.get()
            lat.append(seconds * 1000.0)
        ticks = cpu_ticks(tally.pid) - c0
        files = held_container_files(tally.pid)
        kernel_ms = kernel_floor_ms(files)
        gzip_ms = gzip_floor_ms(s.text().encode())
        rows.append({'containers': count, 'scrapes': n, 'median_ms': round(statistics.median(lat), 3),
                     'p99_ms': round(percentile(lat, 99), 3),
                     'cpu_ms_per_scrape': round(ticks * 1000.0 / CLK_TCK / n, 3),
                     'samples': samples(text), 'gzip_bytes': len(body), 'rss_mib': round(rss_mib(tally.pid), 1),
                     'files_read': len(files), 'floor_kernel_ms': round(kernel_ms, 3),
                     'floor_gzip_ms': round(gzip_ms, 3), 'floor_ms': round(kernel_ms + gzip_ms, 3)})
        print(f'  containers={count:4d}  median {rows[-1]["median_ms"]:.2f} ms  '
              f'cpu {rows[-1]["cpu_ms_per_scrape"]:.3f} ms/scrape  rss {rows[-1]["rss_mib"]} MiB  '
              f'floor {rows[-1]["floor_ms"]:.3f} ms ({len(files)} files {kernel_ms:.3f} + gzip {gzip_ms:.3f})',
              flush=True)
    s.close()
    cpu, floor = slope(rows, 'cpu_ms_per_scrape'), slope(rows, 'floor_ms')
    return {'rows': rows, 'cpu_ms_per_container': round(cpu, 4),
            'latency_ms_per_container': round(slope(rows, 'median_ms'), 4),
            'floor_ms_per_container': round(floor, 4),
            'floor_kernel_ms_per_container': round(slope(rows, 'floor_kernel_ms'), 4),
            'floor_gzip_ms_per_container': round(slope(rows, 'floor_gzip_ms'), 4),
            'above_floor_ms_per_container': round(cpu - floor, 4)}


# ---- the floor: what serving the same answer costs any exporter -------------------------------
def held_container_files(pid):
    """The kernel files Tally's container endpoint reads on every scrape. It holds them open between
    scrapes (HeldFiles), so its descriptors name them: cgroup files and the containers' /proc/<pid>/
    files (not Tally's own /proc/<pid>/ files: the host collectors read those)."""
    own = f'/proc/{pid}/'
    files = set()
    for fd in os.listdir(f'/proc/{pid}/fd'):
        try:
            target = os.readlink(f'/proc/{pid}/fd/{fd}')
        except OSError:
            continue  # closed meanwhile
        if target.startswith('/sys/fs/cgroup/') or (re.match(r'/proc/\d+/', target) and not target.startswith(own)):
            files.add(target)
    return sorted(files)


def kernel_floor_ms(files, min_seconds=1.0):
    """System CPU of reading each file once from offset 0 through a descriptor held open (what Tally
    does, and the least any reader can do): the kernel formatting the values, paid by every exporter
    that serves them. Repeated for at least `min_seconds`; this process's own overhead is user time
    and not counted."""
    fds = []
    for f in files:
        try:
            fds.append(os.open(f, os.O_RDONLY))
        except OSError:
            pass  # a container's process or cgroup gone since
    buf = bytearray(256 * 1024)
    try:
        passes = 0
        start, wall = resource.getrusage(resource.RUSAGE_SELF).ru_stime, time.monotonic()
        while passes < 20 or time.monotonic() - wall < min_seconds:
            for fd in fds:
                try:
                    os.preadv(fd, [buf], 0)
                except OSError:
                    pass
            passes += 1
        return (resource.getrusage(resource.RUSAGE_SELF).ru_stime - start) * 1000.0 / passes
    finally:
        for fd in fds:
            os.close(fd)


def gzip_floor_ms(body, min_seconds=0.5):
    """CPU of compressing the answer with zlib at level 1, the setting and library (the system's
    libz) Tally's GzipEncoder uses: what Prometheus's Accept-Encoding: gzip costs on top."""
    passes = 0
    start, wall = time.process_time(), time.monotonic()
    while passes < 5 or time.monotonic() - wall < min_seconds:
        z = zlib.compressobj(1, zlib.DEFLATED, 31)
        z.compress(body)
        z.flush()
        passes += 1
    return (time.process_time() - start) * 1000.0 / passes


def tasks_section(tally_port, tally, containers, tasks, n):
    """CPU per scrape with `containers` containers of one process, then of `tasks` processes each (a
    shell and its sleeping children): the difference per extra task. Busybox has no threads, but a
    process and a thread cost the same here: one held stat file read per scrape."""
    s = Scraper(tally_port)
    rows = []
    for per in (1, tasks):
        run_task_containers(containers, per)
        wait_processes_seen(s, containers, per)
        for _ in range(20):
            s.get()
        c0 = cpu_ms(tally.pid)
        for _ in range(n):
            s.get()
        rows.append({'containers': containers, 'tasks_per_container': per, 'scrapes': n,
                     'cpu_ms_per_scrape': round((cpu_ms(tally.pid) - c0) / n, 3)})
        print(f'  {containers} containers x {per:2d} tasks  cpu {rows[-1]["cpu_ms_per_scrape"]:.3f} ms/scrape', flush=True)
    s.close()
    remove_containers()
    extra = containers * (tasks - 1)
    return {'rows': rows, 'cpu_ms_per_task': round((rows[1]['cpu_ms_per_scrape'] - rows[0]['cpu_ms_per_scrape']) / extra, 4)}


def run_task_containers(containers, tasks):
    """Replaces the bench containers with `containers` of `tasks` processes each."""
    remove_containers()
    command = ['sleep', '3600'] if tasks == 1 else \
        ['sh', '-c', f'i=1; while [ $i -lt {tasks} ]; do sleep 3600 & i=$((i+1)); done; wait']
    for k in range(containers):
        docker('run', '-d', '--network', 'none', '--name', f'{TASKS_PREFIX}{k}', IMAGE, *command)


def wait_processes_seen(scraper, containers, tasks, deadline_s=60):
    pattern = re.compile(r'^container_processes\{[^}]*name="' + TASKS_PREFIX + r'\d+"[^}]*\} (\S+)$', re.M)
    end = time.monotonic() + deadline_s
    values = []
    while time.monotonic() < end:
        values = [float(v) for v in pattern.findall(scraper.text())]
        if len(values) == containers and all(v == tasks for v in values):
            return
        time.sleep(0.5)
    raise RuntimeError(f'Tally shows container_processes {values}, expected {containers} x {tasks}')


def footprint_section(tally, tally_port, container_port, containers, pairs):
    """A fresh Tally with `containers` running, both endpoints scraped in turn `pairs` times: RSS
    sampled along the way (flat means no growth over the last half), threads and open descriptors
    at the end. Fresh, because the 200-container step before it grows the heap, which a node that
    only ever runs 50 containers never sees."""
    set_container_count(containers)
    trim_containers(containers)
    tally.restart()
    host, cont = Scraper(tally_port), Scraper(container_port)
    wait_containers_seen(cont, containers)
    every = max(1, pairs // 40)
    track = []
    c0 = cpu_ticks(tally.pid)
    for k in range(1, pairs + 1):
        host.get()
        cont.get()
        if k % every == 0:
            track.append(round(rss_mib(tally.pid), 1))
    ticks = cpu_ticks(tally.pid) - c0
    host.close()
    cont.close()
    half = track[len(track) // 2:]
    return {'pairs': pairs, 'containers': containers, 'rss_track_mib': track,
            'rss_after_warmup_mib': track[0], 'rss_end_mib': track[-1], 'rss_max_last_half_mib': max(half),
            'rss_min_last_half_mib': min(half), 'growth_last_half_mib': round(half[-1] - half[0], 1),
            'threads_end': threads(tally.pid), 'open_fds_end': len(os.listdir(f'/proc/{tally.pid}/fd')),
            'cpu_ms_per_pair': round(ticks * 1000.0 / CLK_TCK / pairs, 3)}


def slope(rows, key):
    xs = [r['containers'] for r in rows]
    ys = [r[key] for r in rows]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else 0.0


def svg_chart(rows, path):
    """Two lines against container count: CPU ms per scrape and median latency ms. Hand-written SVG."""
    w, h, left, right, top, bottom = 560, 320, 60, 20, 30, 50
    xs = [r['containers'] for r in rows]
    ymax = max(max(r['cpu_ms_per_scrape'], r['median_ms']) for r in rows) * 1.15 or 1.0
    xmax = max(xs) or 1

    def px(x):
        return left + (w - left - right) * x / xmax

    def py(y):
        return h - bottom - (h - top - bottom) * y / ymax

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" '
             f'font-size="12">', f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<text x="{w / 2}" y="18" text-anchor="middle" font-size="14">Tally :8080 scrape cost vs running '
             f'containers</text>',
             f'<line x1="{left}" y1="{py(0)}" x2="{w - right}" y2="{py(0)}" stroke="black"/>',
             f'<line x1="{left}" y1="{py(0)}" x2="{left}" y2="{top}" stroke="black"/>']
    for k in range(5):
        y = ymax * k / 4
        parts.append(f'<line x1="{left}" y1="{py(y):.1f}" x2="{w - right}" y2="{py(y):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.1f}</text>')
    for x in xs:
        parts.append(f'<text x="{px(x):.1f}" y="{h - bottom + 16}" text-anchor="middle">{x}</text>')
    parts.append(f'<text x="{(w + left) / 2}" y="{h - 12}" text-anchor="middle">running containers</text>')
    parts.append(f'<text x="14" y="{(h) / 2}" text-anchor="middle" transform="rotate(-90 14 {h / 2})">ms</text>')
    lines = [('cpu_ms_per_scrape', '#d62728', 'CPU ms per scrape', 0), ('median_ms', '#1f77b4', 'median latency ms', 16)]
    if all('floor_ms' in r for r in rows):
        lines.append(('floor_ms', '#7f7f7f', 'floor: kernel file reads + gzip, ms', 32))
    for key, colour, label, dy in lines:
        points = ' '.join(f'{px(r["containers"]):.1f},{py(r[key]):.1f}' for r in rows)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for r in rows:
            parts.append(f'<circle cx="{px(r["containers"]):.1f}" cy="{py(r[key]):.1f}" r="3" fill="{colour}"/>')
        parts.append(f'<text x="{left + 10}" y="{top + 14 + dy}" fill="{colour}">{label}</text>')
    parts.append('</svg>')
    with open(path, 'w') as f:
        f.write('\n'.join(parts) + '\n')


# ---- report -----------------------------------------------------------------------------------
def ratio(a, b):
    return round(a / b, 2) if b else None


def table(result):
    lines = []
    sc = result.get('scrape')
    st = result.get('startup', {})
    if sc:
        t, n = sc['tally'], sc['node_exporter']
        lines.append(f'| host metrics (:9100), {t["scrapes"]} scrapes each, A B A B | Tally | node_exporter 1.5 | '
                     f'Tally/node_exporter |')
        lines.append('|---|---:|---:|---:|')
        for key, label in (('median_ms', 'median latency, ms'), ('p99_ms', 'p99 latency, ms'),
                           ('cpu_ms_per_scrape', 'CPU per scrape, ms'),
                           ('rss_after_warmup_mib', 'RSS after warm-up, MiB'), ('rss_end_mib', 'RSS at the end, MiB'),
                           ('rss_max_last_half_mib', 'RSS max over the last half, MiB'),
                           ('threads_end', 'threads'),
                           ('gzip_bytes', 'response, gzip bytes'), ('text_bytes', 'response, text bytes'),
                           ('samples', 'samples')):
            lines.append(f'| {label} | {t[key]} | {n[key]} | {ratio(t[key], n[key])} |')
        if st:
            lines.append(f'| startup to first scrape, s | {st["tally"]["startup_s"]} | '
                         f'{st["node_exporter"]["startup_s"]} | |')
            lines.append(f'| RSS at first scrape, MiB | {st["tally"]["rss_at_start_mib"]} | '
                         f'{st["node_exporter"]["rss_at_start_mib"]} | |')
    idle = result.get('idle')
    if idle:
        lines.append('')
        lines.append(f'Tally CPU with no scrapes: {idle["no_scrapes_cpu_ms"]} ms over {idle["no_scrapes_window_s"]} s; '
                     f'at a {idle["interval_s"]} s interval: {idle["interval_cpu_ms"]} ms over '
                     f'{idle["interval_window_s"]} s ({idle["interval_scrapes"]} scrapes).')
    conc = result.get('concurrent')
    if conc:
        for name, c in conc.items():
            lines.append(f'{name}: {c["clients"]} concurrent scrapes → {c["served"]} served, {c["collections"]} '
                         f'collection(s), {c["cpu_ms"]} ms CPU.')
    cont = result.get('containers')
    if cont:
        lines.append('')
        lines.append('| containers | median ms | p99 ms | CPU ms/scrape | floor ms: kernel + gzip | files read | '
                     'samples | RSS MiB |')
        lines.append('|---:|---:|---:|---:|---:|---:|---:|---:|')
        for r in cont['rows']:
            lines.append(f'| {r["containers"]} | {r["median_ms"]} | {r["p99_ms"]} | {r["cpu_ms_per_scrape"]} | '
                         f'{r["floor_ms"]} = {r["floor_kernel_ms"]} + {r["floor_gzip_ms"]} | {r["files_read"]} | '
                         f'{r["samples"]} | {r["rss_mib"]} |')
        lines.append(f'Slope: {cont["cpu_ms_per_container"]} ms CPU and {cont["latency_ms_per_container"]} ms latency '
                     f'per container; floor {cont["floor_ms_per_container"]} (kernel '
                     f'{cont["floor_kernel_ms_per_container"]} + gzip {cont["floor_gzip_ms_per_container"]}); '
                     f'Tally above the floor {cont["above_floor_ms_per_container"]}.')
    ts = result.get('tasks')
    if ts:
        lines.append('')
        one, many = ts['rows']
        lines.append(f'Tasks: {one["containers"]} containers of {one["tasks_per_container"]} process: '
                     f'{one["cpu_ms_per_scrape"]} ms CPU per scrape; of {many["tasks_per_container"]}: '
                     f'{many["cpu_ms_per_scrape"]}; {ts["cpu_ms_per_task"]} ms per extra task.')
    fp = result.get('footprint')
    if fp:
        lines.append('')
        lines.append(f'Footprint, {fp["pairs"]} scrapes of each endpoint with {fp["containers"]} containers: RSS '
                     f'{fp["rss_after_warmup_mib"]} MiB after the first {fp["pairs"] // 40}, {fp["rss_end_mib"]} at the '
                     f'end, {fp["rss_min_last_half_mib"]}–{fp["rss_max_last_half_mib"]} over the last half '
                     f'(growth {fp["growth_last_half_mib"]}); {fp["threads_end"]} threads, {fp["open_fds_end"]} open '
                     f'descriptors; {fp["cpu_ms_per_pair"]} ms CPU per pair of scrapes.')
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help='300 scrapes, 20 s idle, no 200-container step')
    ap.add_argument('--scrapes', type=int, help='A B A B rounds (default 2000, --quick 300)')
    ap.add_argument('--jar', default=os.path.join(ROOT, 'agent', 'target', 'tally.jar'))
    ap.add_argument('--java-opts', default=os.environ.get('TALLY_BENCH_JAVA_OPTS', ''),
                    help='JVM options for Tally (default: deploy/systemd/tally.default\'s JAVA_OPTS)')
    ap.add_argument('--skip', action='append', default=[],
                    help='section to skip: idle, concurrent, containers, footprint, tasks (repeatable)')
    ap.add_argument('--footprint-scrapes', type=int,
                    help='scrapes of each endpoint with 50 containers for the footprint (default 10000, --quick 2000)')
    ap.add_argument('--container-counts', help='comma-separated, default 0,10,50,200 (--quick 0,10,50)')
    ap.add_argument('--out', default=os.path.join(RESULTS, 'latest.json'))
    ap.add_argument('--node-port', type=int, default=19100)
    ap.add_argument('--tally-port', type=int, default=19200)
    ap.add_argument('--container-port', type=int, default=19280)
    args = ap.parse_args()

    n = args.scrapes or (300 if args.quick else 2000)
    java_opts = args.java_opts or default_java_opts(args.jar)
    counts = ([int(c) for c in args.container_counts.split(',')] if args.container_counts
              else [0, 10, 50] if args.quick else [0, 10, 50, 200])
    os.makedirs(RESULTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix='tally-bench-')
    textfile_dir = os.path.join(work, 'textfile')  # empty, for both: Debian's default dir may hold files
    os.mkdir(textfile_dir)

    result = {'machine': machine(), 'java_opts': java_opts, 'environment': use_shipped_environment(), 'started': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}
    node = Exporter('node_exporter', node_exporter_argv(args.node_port, textfile_dir), args.node_port, work)
    tally = Exporter('tally', tally_argv(java_opts, args.tally_port, args.container_port, textfile_dir, args.jar),
                     args.tally_port, work)
    if 'containers' not in args.skip:
        remove_containers()
    try:
        print(f'JVM options: {java_opts}; environment: {result["environment"]}', flush=True)
        result['startup'] = {'tally': tally.start(), 'node_exporter': node.start()}
        print(f'startup: {result["startup"]}', flush=True)
        print(f'scrape: {n} rounds ...', flush=True)
        result['scrape'] = scrape_section([tally, node], n, warmup=max(50, n // 10))
        a, b = set(result['scrape']['tally']['collectors']), set(result['scrape']['node_exporter']['collectors'])
        if a != b:
            print(f'WARNING: collector sets differ: only Tally {sorted(a - b)}, only node_exporter {sorted(b - a)}',
                  flush=True)
        result['scrape']['collector_sets_equal'] = a == b
        for e in ('tally', 'node_exporter'):
            result['scrape'][e].pop('collectors')
        t, ne = result['scrape']['tally'], result['scrape']['node_exporter']
        result['ratios'] = {k: ratio(t[k], ne[k]) for k in ('median_ms', 'p99_ms', 'cpu_ms_per_scrape',
                                                             'rss_end_mib', 'gzip_bytes', 'samples')}
        if 'concurrent' not in args.skip:
            result['concurrent'] = {'tally': concurrent_section(tally), 'node_exporter': concurrent_section(node)}
        if 'idle' not in args.skip:
            idle_s, window_s = (20, 30) if args.quick else (60, 60)
            print(f'idle: {idle_s} s without scrapes, {window_s} s at a 15 s interval ...', flush=True)
            result['idle'] = idle_section(tally, idle_s, 15, window_s)
        if 'containers' not in args.skip:
            print(f'containers: {counts} ...', flush=True)
            result['containers'] = containers_section(args.container_port, tally, counts, 200)
            svg_chart(result['containers']['rows'], os.path.join(RESULTS, 'containers.svg'))
        if 'footprint' not in args.skip and 'containers' not in args.skip:
            pairs = args.footprint_scrapes or (2000 if args.quick else 10000)
            print(f'footprint: {pairs} scrapes of each endpoint with 50 containers ...', flush=True)
            result['footprint'] = footprint_section(tally, args.tally_port, args.container_port, 50, pairs)
        if 'tasks' not in args.skip and 'containers' not in args.skip:
            print('tasks: 10 containers of 1, then of 21 processes ...', flush=True)
            result['tasks'] = tasks_section(args.container_port, tally, 10, 21, 200)
        result['rss_final_mib'] = round(rss_mib(tally.pid), 1)
    finally:
        node.stop()
        tally.stop()
        if 'containers' not in args.skip:
            remove_containers()
        shutil.rmtree(work, ignore_errors=True)
    with open(args.out, 'w') as f:
        json.dump(result, f, indent=2)
        f.write('\n')
    print()
    print(f'machine: {result["machine"]["summary"]}')
    print(f'JVM options: {java_opts}')
    print(table(result))
    print(f'\nwritten: {os.path.relpath(args.out, ROOT)}')


def default_java_opts(jar):
    """tally.default's JAVA_OPTS, its class-data sharing archive made for `jar` under bench/target
    by the same script the service runs (deploy/cds/tally-cds) instead of /var/cache/tally's."""
    options = shipped_settings().get('JAVA_OPTS', '')
    if '-XX:SharedArchiveFile=' in options:
        archive = os.path.join(ROOT, 'bench', 'target', 'tally-' + hashlib.sha1(os.path.abspath(jar).encode()).hexdigest()[:8] + '.jsa')
        os.makedirs(os.path.dirname(archive), exist_ok=True)
        subprocess.run([os.path.join(ROOT, 'deploy', 'cds', 'tally-cds'), 'java', jar, archive,
                        os.path.join(ROOT, 'deploy', 'cds', 'classes.lst')], check=True)
        options = re.sub(r'-XX:SharedArchiveFile=\S+', '-XX:SharedArchiveFile=' + archive, options)
    return options


def shipped_settings():
    """The assignments of deploy/systemd/tally.default (JAVA_OPTS, MALLOC_ARENA_MAX, ARGS)."""
    settings = {}
    with open(os.path.join(ROOT, 'deploy', 'systemd', 'tally.default')) as f:
        for line in f:
            m = re.match(r'^([A-Z_]+)=(.*)$', line.strip())
            if m:
                settings[m.group(1)] = m.group(2).strip().strip('"')
    return settings


def use_shipped_environment():
    """The environment the service runs with (MALLOC_ARENA_MAX), unless already set; returned for the record."""
    env = {k: v for k, v in shipped_settings().items() if k not in ('JAVA_OPTS', 'ARGS')}
    for k, v in env.items():
        os.environ.setdefault(k, v)
    return {k: os.environ[k] for k in env}


def machine():
    cpu = ''
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    mem = status_mem()
    java = subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]
    summary = f'{os.cpu_count()} CPUs ({cpu}), {mem} GiB RAM, Linux {platform.release()}, {java}'
    return {'summary': summary, 'cpus': os.cpu_count(), 'cpu': cpu, 'mem_gib': mem, 'kernel': platform.release(),
            'java': java}


def status_mem():
    with open('/proc/meminfo') as f:
        return round(int(f.readline().split()[1]) / 1024 / 1024, 1)


if __name__ == '__main__':
    sys.exit(main())
