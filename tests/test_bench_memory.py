"""The benchmark's process-tree memory (tests/bench_memory.py): a forked child's memory is
counted beside its parent's, and pages they share are counted once in the PSS sum."""

import os
import subprocess
import sys
import textwrap
import time

import pytest
from bench_memory import TreeMemory, descendants

pytestmark = pytest.mark.skipif(
    not os.path.exists("/proc/self/smaps_rollup"), reason="needs Linux /proc"
)

# The parent fills 64 MiB, forks (the child shares those pages, copy-on-write, never writing
# them) and the child fills 64 MiB of its own; both hold it until the child exits.
TREE = textwrap.dedent("""\
    import os, time
    shared = b"x" * (64 << 20)
    pid = os.fork()
    if pid == 0:
        own = b"y" * (64 << 20)
        time.sleep(1.5)
        os._exit(0)
    os.waitpid(pid, 0)
""")


def test_peak_counts_forked_child_and_shared_pages_once():
    process = subprocess.Popen([sys.executable, "-c", TREE])
    memory = TreeMemory(process.pid, interval=0.05).start()
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
    memory.stop()
    process.wait()
    # Not ru_maxrss: Linux carries the spawning process's high-water RSS across exec into the
    # child's (exec_mmap), so under a 370 MiB pytest worker it says 370, whatever the child used.
    assert memory.processes == 2
    (largest,) = memory.by_name.values()  # one command name; its largest process: the child
    assert 64 * 2 - 16 < largest < 64 * 2 + 32  # 64 shared + 64 own
    assert memory.rss > 64 * 3  # parent 64 + child 64 shared + 64 own, each counted
    assert 64 * 2 - 16 < memory.pss < memory.rss - 48  # the shared 64 MiB counted once
    assert memory.rss > largest + 48


def test_descendants_lists_the_tree():
    process = subprocess.Popen(
        [sys.executable, "-c", "import subprocess; subprocess.run(['sleep', '2'])"]
    )
    try:
        for _ in range(500):  # until the child has started its own child
            tree = descendants(process.pid)
            if len(tree) == 2:
                break
            time.sleep(0.01)
        assert tree[0] == process.pid and len(tree) == 2
        assert set(tree) < set(descendants(os.getpid()))
    finally:
        process.kill()
        process.wait()
