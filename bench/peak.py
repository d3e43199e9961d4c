"""Peak resident memory of this process, for the benchmark workers (issue 9)."""

from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB: ``VmHWM`` of ``/proc/self/status`` on Linux.

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: Linux carries the high-water mark of the memory a
    process had before ``exec`` (the forked copy of its parent) into it, so a worker started by
    a runner that had just made the 1M-point datasets reported the runner's 795 MB.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
