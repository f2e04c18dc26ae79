#!/usr/bin/env python3
"""Writes the hand-written cgroup v2 scenario trees (cgroupv2-systemd, cgroupv2-cgroupfs,
rpi4-cgroupv2-nomemory). Values are invented but every file follows the kernel's documented format
(Documentation/admin-guide/cgroup-v2.rst: flat keyed cpu.stat/memory.stat/memory.events, nested
keyed io.stat, single values, "max"; Documentation/accounting/psi.rst for *.pressure; man 5 proc for
/proc/<pid>/{cgroup,stat,net/dev}). The Docker answers are the captured v1 ones
(cgroupv1-cgroupfs-debian12/recorded/docker) with ids, names, pids, limits and the daemon's cgroup
driver/version changed. Run from test-fixtures/: python3 make-cgroupv2-trees.py
"""
import copy, json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "cgroupv1-cgroupfs-debian12", "recorded", "docker")
WEB = "a1" * 32
DB = "b2" * 32


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def flat(pairs):
    return "".join(f"{k} {v}\n" for k, v in pairs)


def pressure(some, full):
    return (f"some avg10=0.00 avg60=0.00 avg300=0.00 total={some}\n"
            f"full avg10=0.00 avg60=0.00 avg300=0.00 total={full}\n")


def memory_stat(anon, file, mapped, active_file, inactive_file, pgfault, pgmajfault):
    return flat([("anon", anon), ("file", file), ("kernel", 2162688), ("kernel_stack", 65536),
                 ("pagetables", 94208), ("sec_pagetables", 0), ("percpu", 1440), ("sock", 0),
                 ("vmalloc", 0), ("shmem", 0), ("zswap", 0), ("zswapped", 0), ("file_mapped", mapped),
                 ("file_dirty", 4096), ("file_writeback", 0), ("swapcached", 0), ("anon_thp", 0),
                 ("file_thp", 0), ("shmem_thp", 0), ("inactive_anon", anon), ("active_anon", 0),
                 ("inactive_file", inactive_file), ("active_file", active_file), ("unevictable", 0),
                 ("slab_reclaimable", 1201480), ("slab_unreclaimable", 398616), ("slab", 1600096),
                 ("workingset_refault_anon", 0), ("workingset_refault_file", 12),
                 ("workingset_activate_anon", 0), ("workingset_activate_file", 3),
                 ("workingset_restore_anon", 0), ("workingset_restore_file", 0),
                 ("workingset_nodereclaim", 0), ("pgscan", 40), ("pgsteal", 38), ("pgscan_kswapd", 40),
                 ("pgscan_direct", 0), ("pgsteal_kswapd", 38), ("pgsteal_direct", 0),
                 ("pgfault", pgfault), ("pgmajfault", pgmajfault), ("pgrefill", 0), ("pgactivate", 410),
                 ("pgdeactivate", 0), ("pglazyfree", 0), ("pglazyfreed", 0), ("thp_fault_alloc", 0),
                 ("thp_collapse_alloc", 0)])


def cpu_stat(usage, user, system, periods=0, throttled=0, throttled_usec=0):
    return flat([("usage_usec", usage), ("user_usec", user), ("system_usec", system),
                 ("core_sched.force_idle_usec", 0), ("nr_periods", periods), ("nr_throttled", throttled),
                 ("throttled_usec", throttled_usec), ("nr_bursts", 0), ("burst_usec", 0)])


NET_HEAD = ("Inter-|   Receive                                                |  Transmit\n"
            " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n")


def net_dev(rows):
    out = NET_HEAD
    for name, rx, rxp, tx, txp in rows:
        out += f"{name:>6}: {rx:>8} {rxp:>7}    0    1    0     0          0         0 {tx:>8} {txp:>7}    0    0    0     0       0          0\n"
    return out


def stat(pid, comm, state, ppid, threads=1):
    # Field 20 is num_threads: the process's line counts its threads, as the kernel's does.
    return (f"{pid} ({comm}) {state} {ppid} {pid} {pid} 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 {threads} 0 2522604 "
            "2322432 364 18446744073709551615 4198400 5785993 140731696788064 0 0 0 0 4 65538 1 0 0 17 0 0 0 0 0 0 "
            "6141704 6178576 642777088 140731696791462 140731696791497 140731696791497 140731696791536 0\n")


def container(root, path, pid, tasks, files, memory_on=True):
    d = os.path.join("sys/fs/cgroup", path.lstrip("/"))
    for name, text in files.items():
        if name.startswith("memory.") and not memory_on:
            continue
        write(root, os.path.join(d, name), text)
    write(root, os.path.join(d, "cgroup.procs"), "".join(f"{p}\n" for p, _ in tasks))
    write(root, os.path.join(d, "cgroup.controllers"),
          "cpuset cpu io memory pids\n" if memory_on else "cpuset cpu io pids\n")
    write(root, f"proc/{pid}/cgroup", f"0::{path}\n")
    write(root, f"proc/{pid}/net/dev", net_dev([("lo", 0, 0, 0, 0), ("eth0", 5230, 41, 1620, 18)]))
    for p, states in tasks:
        write(root, f"proc/{p}/stat", stat(p, "sh" if p == pid else "sleep", states[0], pid, len(states)))
        for i, s in enumerate(states):
            tid = p + i
            write(root, f"proc/{p}/task/{tid}/stat", stat(tid, "worker", s, pid))


def docker_answers(root, driver, web_path_parent, db_parent, web_pid, db_pid):
    dst = os.path.join(root, "recorded", "docker")
    os.makedirs(os.path.join(dst, "containers"), exist_ok=True)
    shutil.copy(os.path.join(SRC, "version.json"), dst)
    info = json.load(open(os.path.join(SRC, "info.json")))
    info["CgroupDriver"] = driver
    info["CgroupVersion"] = "2"
    json.dump(info, open(os.path.join(dst, "info.json"), "w"))
    srcs = {json.load(open(os.path.join(SRC, "containers", f)))["Name"]: os.path.join(SRC, "containers", f)
            for f in os.listdir(os.path.join(SRC, "containers"))}
    listing = json.load(open(os.path.join(SRC, "containers.json")))
    out_list = []
    for new_id, name, pid, parent in ((WEB, "/tally-cg-web", web_pid, web_path_parent),
                                      (DB, "/tally-cg-db", db_pid, db_parent)):
        d = json.load(open(srcs[name]))
        d["Id"] = new_id
        d["State"]["Pid"] = pid
        d["HostConfig"]["CgroupParent"] = parent
        d["Config"]["Hostname"] = new_id[:12]
        json.dump(d, open(os.path.join(dst, "containers", new_id + ".json"), "w"))
        entry = copy.deepcopy(next(e for e in listing if e["Names"] == [name]))
        entry["Id"] = new_id
        out_list.append(entry)
    json.dump(out_list, open(os.path.join(dst, "containers.json"), "w"))


def tree(name, driver, memory_on, host, device, web_path, db_path, db_parent):
    root = os.path.join(HERE, name)
    for sub in ("sys", "proc", "recorded"):
        shutil.rmtree(os.path.join(root, sub), ignore_errors=True)
    controllers = "cpuset cpu io memory hugetlb pids rdma misc" if memory_on else "cpuset cpu io hugetlb pids rdma misc"
    write(root, "sys/fs/cgroup/cgroup.controllers", controllers + "\n")
    write(root, "sys/fs/cgroup/cgroup.subtree_control", controllers + "\n")
    write(root, "sys/fs/cgroup/cgroup.procs", "1\n")
    write(root, "sys/fs/cgroup/cpu.stat", cpu_stat(912345678, 600000000, 312345678))
    if memory_on:
        write(root, "sys/fs/cgroup/memory.stat", memory_stat(512000000, 1024000000, 80000000, 600000000, 400000000, 9876543, 1234))
    write(root, "sys/fs/cgroup/io.stat", f"{device[0]} rbytes=1059868672 wbytes=4096000000 rios=40321 wios=91234 dbytes=0 dios=0\n")
    for res, (s, f) in {"cpu": (1500000, 0), "memory": (20000, 10000), "io": (3000000, 2500000)}.items():
        write(root, f"sys/fs/cgroup/{res}.pressure", pressure(s, f))
    write(root, "proc/cgroups", "#subsys_name\thierarchy\tnum_cgroups\tenabled\n"
          + "".join(f"{c}\t0\t80\t{0 if (c == 'memory' and not memory_on) else 1}\n"
                    for c in ("cpuset", "cpu", "cpuacct", "blkio", "memory", "devices", "freezer", "net_cls",
                              "perf_event", "net_prio", "hugetlb", "pids", "rdma", "misc")))
    write(root, "proc/1/net/dev", net_dev([("lo", 9000, 90, 9000, 90), ("eth0", 123456789, 98765, 23456789, 54321),
                                           ("docker0", 1000, 10, 2000, 20), ("veth1a2b3c", 500, 5, 600, 6)]))
    for p in ("cpuinfo", "meminfo"):
        shutil.copy(os.path.join(HERE, host, "proc", p), os.path.join(root, "proc", p))
    maj_min, devname = device
    write(root, f"sys/dev/block/{maj_min}/uevent", f"MAJOR={maj_min.split(':')[0]}\nMINOR={maj_min.split(':')[1]}\nDEVNAME={devname}\nDEVTYPE=disk\n")
    web = {"cpu.stat": cpu_stat(2345678, 1200000, 1145678, 230, 12, 456789), "cpu.max": "50000 100000\n",
           "cpu.weight": "100\n", "memory.current": "3141632\n", "memory.peak": "9437184\n",
           "memory.stat": memory_stat(245760, 2502656, 1613824, 1568768, 933888, 1420, 1),
           "memory.events": flat([("low", 0), ("high", 0), ("max", 3), ("oom", 0), ("oom_kill", 0), ("oom_group_kill", 0)]),
           "memory.max": "67108864\n", "memory.swap.max": "67108864\n", "memory.swap.current": "0\n", "memory.min": "0\n",
           "memory.low": "0\n", "pids.current": "3\n", "pids.max": "max\n",
           "io.stat": f"{maj_min} rbytes=4096 wbytes=8409088 rios=1 wios=8 dbytes=0 dios=0\n",
           "cpu.pressure": pressure(3456, 1234), "memory.pressure": pressure(0, 0), "io.pressure": pressure(7890, 7000)}
    db = {"cpu.stat": cpu_stat(98765432, 60000000, 38765432), "cpu.max": "max 100000\n", "cpu.weight": "20\n",
          "memory.current": "134217728\n", "memory.peak": "134217728\n",
          "memory.stat": memory_stat(100663296, 33554432, 1048576, 0, 40000000, 88888, 42),
          "memory.events": flat([("low", 0), ("high", 0), ("max", 512), ("oom", 2), ("oom_kill", 2), ("oom_group_kill", 0)]),
          "memory.max": "max\n", "memory.swap.max": "max\n", "memory.swap.current": "4096\n", "memory.min": "0\n",
          "memory.low": "33554432\n", "pids.current": "1\n", "pids.max": "100\n",
          "io.stat": "", "cpu.pressure": pressure(0, 0), "memory.pressure": pressure(400, 300), "io.pressure": pressure(0, 0)}
    container(root, web_path, 4242, [(4242, "S"), (4250, "RSD")], web, memory_on)
    container(root, db_path, 5353, [(5353, "S")], db, memory_on)
    docker_answers(root, driver, "", db_parent, 4242, 5353)
    # Every cgroup directory has a cgroup.procs (empty for the slices above the containers).
    for d, _, names in os.walk(os.path.join(root, "sys/fs/cgroup")):
        if "cgroup.procs" not in names:
            write(root, os.path.relpath(os.path.join(d, "cgroup.procs"), root), "")
    if name == "cgroupv2-cgroupfs":
        # No /proc/<pid>/cgroup for the db container: the path must come from id + cgroup parent.
        os.remove(os.path.join(root, "proc/5353/cgroup"))
    with open(os.path.join(root, "recorded", "clock"), "w") as f:
        f.write("2026-11-23T08:00:00Z\nUTC\n")


tree("cgroupv2-systemd", "systemd", True, "x86-debian12-vm", ("259:0", "nvme0n1"),
     f"/system.slice/docker-{WEB}.scope", f"/tally.slice/tally-db.slice/docker-{DB}.scope", "tally-db.slice")
tree("cgroupv2-cgroupfs", "cgroupfs", True, "x86-debian12-vm", ("8:0", "sda"),
     f"/docker/{WEB}", f"/tally-test/{DB}", "/tally-test")
tree("rpi4-cgroupv2-nomemory", "systemd", False, "rpi4-bookworm-arm64", ("179:0", "mmcblk0"),
     f"/system.slice/docker-{WEB}.scope", f"/system.slice/docker-{DB}.scope", "")
