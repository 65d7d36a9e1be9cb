"""Peak memory of a process *tree* for the benchmarks (tests/bench_stock.py, issue 12 item 7).

``ru_maxrss`` from ``wait4`` is the largest single process of the tree, not what the tree held
at once: the build forks its reading and rendering workers (build_speed/workers.py) and starts
Pagefind, so their memory is alive beside the main process. :class:`TreeMemory` samples the
tree from ``/proc`` in a thread of the parent and keeps the peak of two sums over the live
processes:

- **RSS**: each process's resident set; counts the pages a forked worker still shares with its
  parent (copy-on-write) once per process, so it overstates what the tree costs the machine;
- **PSS** (proportional set size, ``/proc/PID/smaps_rollup``): each shared page divided among
  the processes that map it; the sum is the tree's real footprint.

A sample is a moment: a peak shorter than the interval can be missed, so the figure is a lower
bound (the interval is printed with it). Linux only (``/proc``); elsewhere it reports nothing.
Own code rather than psutil: twenty lines of ``/proc`` reading, no dependency for a benchmark.
"""

import threading
from pathlib import Path

PROC = Path("/proc")


def descendants(pid: int) -> list[int]:
    """``pid`` and every live process below it (children, their children...), from the parent
    ids in ``/proc/*/stat``. A process that exits while the table is read is left out."""
    children = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # the name may hold spaces
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, queue = [], [pid]
    while queue:
        current = queue.pop()
        tree.append(current)
        queue.extend(children.get(current, ()))
    return tree


def name(pid: int) -> str:
    """The command name of process ``pid`` (``/proc/PID/comm``: "python", "pagefind_ext..."),
    "" once it has exited."""
    try:
        return (PROC / str(pid) / "comm").read_text().strip()
    except OSError:
        return ""


def footprint(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of process ``pid`` in MiB from ``/proc/PID/smaps_rollup``; (0, 0) once it has
    exited (or for a zombie, which maps nothing)."""
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0.0, 0.0
    sizes = dict.fromkeys(("Rss:", "Pss:"), 0)
    for line in text.splitlines():
        name, _, rest = line.partition(" ")
        if name in sizes:
            sizes[name] = int(rest.split()[0])  # kB
    return sizes["Rss:"] / 1024, sizes["Pss:"] / 1024


class TreeMemory:
    """Sample the memory of the process tree under ``pid`` every ``interval`` seconds, from
    :meth:`start` until :meth:`stop`. After it: ``rss`` and ``pss`` (the peak sums, MiB),
    ``processes`` (the most processes alive in one sample), ``samples`` (how many were taken),
    ``by_name`` ({command name: the peak RSS of one process of that name, MiB}: which process is
    the largest, e.g. the build or Pagefind).
    """

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.rss = self.pss = 0.0
        self.processes = self.samples = 0
        self.by_name = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "TreeMemory":
        """Start sampling in a daemon thread; returns self."""
        if PROC.joinpath("self", "smaps_rollup").exists():
            self._thread.start()
        return self

    def stop(self) -> "TreeMemory":
        """Stop sampling and wait for the thread; returns self. Call it before reaping ``pid``
        (a reaped process's number may be reused by another)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self

    def sample(self) -> None:
        """One sample: add the live tree's sums to the peaks."""
        tree = descendants(self.pid)
        sizes = [footprint(pid) for pid in tree]
        for pid, (rss, _) in zip(tree, sizes, strict=True):
            if rss:
                command = name(pid)
                self.by_name[command] = max(self.by_name.get(command, 0.0), rss)
        self.rss = max(self.rss, sum(rss for rss, _ in sizes))
        self.pss = max(self.pss, sum(pss for _, pss in sizes))
        self.processes = max(self.processes, sum(1 for rss, _ in sizes if rss))
        self.samples += 1

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()
