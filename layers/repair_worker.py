"""Geometry repair in a child process under a memory limit (issue 16); run by
:func:`asean_atlas.layers.geometry.repair_geometries`, never imported by the app.

GEOS's ``make_valid`` cannot be interrupted and its memory cannot be capped from Python: one
self-intersecting polygon of 100,000 vertices took 24 GB and over 300 s. Run here, the repair of the
large invalid geometries of one load gets an address-space limit (``RLIMIT_AS``, the process's size
at start plus ``argv[1]`` bytes), and the parent kills it when its time budget is spent or the user
cancels. It imports numpy and shapely only (a fraction of a second to start).

Protocol, binary on stdin/stdout (little-endian):

- in: ``count:u32``, then ``count`` times ``length:u32 wkb:bytes``;
- out, one record per geometry as soon as it is done: ``index:u32 status:u8 length:u32 wkb``,
  status 0 repaired (the WKB follows), 1 too complex (over ``argv[2]`` estimated
  self-intersections, or out of memory), 2 GEOS could not repair it.
"""

from __future__ import annotations

import struct
import sys

REPAIRED, TOO_COMPLEX, FAILED = 0, 1, 2


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_memory(extra: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform: the parent's time budget still holds
        return
    base = _vm_size()
    if base and extra > 0:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)  # inherited; never raised above
        limit = base + extra if hard == resource.RLIM_INFINITY else min(base + extra, hard)
        if soft == resource.RLIM_INFINITY or limit < soft:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _read_exact(stream, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError
    return data


def main() -> int:
    import numpy as np
    import shapely

    extra, max_crossings = int(sys.argv[1]), int(sys.argv[2])
    _limit_memory(extra)
    sys.path.insert(0, __file__.rsplit("/", 1)[0])  # geometry.py beside this file, imported alone
    from geometry import crossing_estimate, make_valid_one  # type: ignore[import-not-found]

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    (count,) = struct.unpack("<I", _read_exact(inp, 4))
    blobs = []
    for _ in range(count):
        (n,) = struct.unpack("<I", _read_exact(inp, 4))
        blobs.append(_read_exact(inp, n))
    for i, blob in enumerate(blobs):
        status, wkb = FAILED, b""
        try:
            geom = shapely.from_wkb(blob)
            if crossing_estimate(geom, max_crossings) > max_crossings:
                status = TOO_COMPLEX
            else:
                fixed = make_valid_one(geom)
                if fixed is not None:
                    status, wkb = REPAIRED, shapely.to_wkb(fixed)
        except MemoryError:
            status = TOO_COMPLEX
        except Exception:  # GEOS refused it
            status = FAILED
        blobs[i] = None
        out.write(struct.pack("<IBI", i, status, len(wkb)) + wkb)
        out.flush()
    del np
    return 0


if __name__ == "__main__":
    sys.exit(main())
