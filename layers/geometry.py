"""Geometry clean-up on load: antimeridian splitting (RFC 7946 §3.1.9).

A line or polygon whose consecutive vertices jump by more than 180° of longitude crosses the
antimeridian the short way; drawn naively it streaks across the whole map. Such geometries are cut
at ±180° with the well-kept ``antimeridian`` package. Geometries already split at ±180 (as the
TeleGeography files are) have no such jump and are left untouched.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.errors import GEOSException


#: Vertex budget of one pass of a computation over every coordinate (1 MB of float64 pairs): a
#: check of 1.25 million vertices then never holds all their copies at once (issue 9, peak memory).
CHUNK_VERTICES = 1 << 16


def row_chunks(geoms: np.ndarray, max_vertices: int = CHUNK_VERTICES):
    """Consecutive row ranges of ``geoms`` holding at most ``max_vertices`` vertices each (a
    geometry with more forms a range of its own).

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry (or None), shape (n,)
    max_vertices : int

    Yields
    ------
    (start, stop) : tuple of int
        Row slice ``geoms[start:stop]``; together they cover ``0..n`` in order.
    """
    n = len(geoms)
    if n == 0:
        return
    cum = np.cumsum(shapely.get_num_coordinates(geoms), dtype=np.int64)
    start = 0
    while start < n:
        base = int(cum[start - 1]) if start else 0
        stop = max(int(np.searchsorted(cum, base + max_vertices, side="right")), start + 1)
        yield start, min(stop, n)
        start = stop


def crosses_antimeridian(geoms: np.ndarray) -> np.ndarray:
    """Which geometries have a segment jumping more than 180° in longitude.

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry (or None), shape (n,), EPSG:4326

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(len(geoms), dtype=bool)
    if len(geoms) == 0:
        return out
    types = shapely.get_type_id(geoms)
    cand = np.flatnonzero(np.isin(types, (1, 2, 3, 5, 6)))  # lines, rings, polygons, multi-
    if cand.size == 0:
        return out
    for a, b in row_chunks(geoms[cand]):  # a bounded share of the vertices at a time
        rows = cand[a:b]
        # rings and line parts, each with the row it came from
        parts, part_rows = shapely.get_parts(geoms[rows], return_index=True)
        ptype = shapely.get_type_id(parts)
        poly = ptype == 3
        if poly.any():
            rings, ring_idx = shapely.get_rings(parts[poly], return_index=True)
            lines = np.concatenate([parts[~poly], rings])
            line_rows = np.concatenate([part_rows[~poly], part_rows[poly][ring_idx]])
        else:
            lines, line_rows = parts, part_rows
        xy, idx = shapely.get_coordinates(lines, return_index=True)
        if len(xy) < 2:
            continue
        jump = (np.abs(np.diff(xy[:, 0])) > 180.0) & (idx[1:] == idx[:-1])
        hit_lines = np.unique(idx[1:][jump])
        out[rows[np.unique(line_rows[hit_lines])]] = True
    return out


def split_antimeridian(geoms: np.ndarray) -> tuple[np.ndarray, int]:
    """Cut geometries that cross the antimeridian at ±180° (see module docstring).

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry (or None), shape (n,), EPSG:4326

    Returns
    -------
    geoms : ndarray of shapely.Geometry, shape (n,)
        A copy where crossing lines became MultiLineStrings and polygons MultiPolygons.
    count : int
        How many geometries were split.
    """
    import warnings

    import antimeridian

    geoms = np.asarray(geoms, dtype=object)
    rows = np.flatnonzero(crosses_antimeridian(geoms))
    if rows.size == 0:
        return geoms, 0
    out = geoms.copy()
    done = 0
    for r in rows:  # only the few crossing geometries reach this loop
        g = geoms[r]
        if g.has_z:
            g = shapely.force_2d(g)
        kind = g.geom_type
        try:
            with warnings.catch_warnings():
                # FixWindingWarning: clockwise exterior rings are reversed, as RFC 7946 wants
                warnings.simplefilter("ignore")
                out[r] = _fix_one(antimeridian, g, kind)
            if out[r] is None:
                out[r] = geoms[r]
                continue
        except (ValueError, AssertionError, GEOSException):
            # degenerate input (a ring of repeated points, a pole-wrapping ring the package
            # refuses, found by the property tests): keep it as read; make_valid still cleans it
            out[r] = geoms[r]
            continue
        done += 1
    return out, done


def _fix_one(antimeridian, g, kind: str):
    if kind == "LineString":
        return antimeridian.fix_line_string(g, great_circle=False)
    if kind == "MultiLineString":
        return antimeridian.fix_multi_line_string(g, great_circle=False)
    if kind == "Polygon":
        return antimeridian.fix_polygon(g, great_circle=False)
    if kind == "MultiPolygon":
        return antimeridian.fix_multi_polygon(g, great_circle=False)
    return None



#: Self-intersections (estimated, :func:`crossing_estimate`) above which an invalid geometry is not
#: repaired: GEOS's make_valid grows much faster than linearly with them (issue 8, measured here: a
#: jittered ring of 3,000 vertices and ~5,000 crossings takes 0.4 s, 10,000 vertices 15 s, 100,000
#: vertices over 300 s and 24 GB).
REPAIR_MAX_CROSSINGS = 10_000
#: Invalid geometries with up to this many vertices are repaired without estimating first.
_SMALL = 500
#: An invalid geometry with more vertices than this is not even estimated (nor repaired).
REPAIR_MAX_VERTICES = 2_000_000
_CHUNK = 2_048


def crossing_estimate(geom, limit: int | None = None) -> int:
    """Pairs of non-adjacent segments of ``geom`` whose bounding boxes overlap: an upper bound of
    its self-intersections, counted with an STRtree in O(n log n + k), in chunks.

    Parameters
    ----------
    geom : shapely.Geometry
        A line or polygon (any CRS).
    limit : int, optional
        Stop counting once the count exceeds it (memory and time stay bounded for a hostile
        geometry whose segments overlap by the billion).

    Returns
    -------
    int
        The count, or a number above ``limit`` as soon as it is passed.
    """
    rings = shapely.get_rings(geom) if shapely.get_type_id(geom) in (3, 6) else None
    lines = rings if rings is not None and len(rings) else shapely.get_parts(geom)
    xy, idx = shapely.get_coordinates(lines, return_index=True)
    if len(xy) < 4:
        return 0
    same = idx[1:] == idx[:-1]
    a, b = xy[:-1][same], xy[1:][same]
    boxes = shapely.box(np.minimum(a[:, 0], b[:, 0]), np.minimum(a[:, 1], b[:, 1]),
                        np.maximum(a[:, 0], b[:, 0]), np.maximum(a[:, 1], b[:, 1]))
    tree = shapely.STRtree(boxes)
    # each segment meets itself and its two neighbours; each crossing pair is found twice; a ring's
    # last segment meets its first. The boxes are their own envelopes, so the tree's envelope test
    # is the whole test (no predicate); chunks start small and grow, so a geometry whose segments
    # overlap by the million passes the limit within the first few (issue 16: 100,000 random
    # vertices took 10 s in one 256-box chunk)
    closing = len(rings) if rings is not None else 0
    found = 0
    i, chunk = 0, 8
    while i < len(boxes):
        left, right = tree.query(boxes[i : i + chunk])
        found += int((np.abs(left + i - right) > 1).sum())
        i += chunk
        chunk = min(chunk * 2, _CHUNK)
        if limit is not None and found // 2 - closing > limit:
            break
    return max(found // 2 - closing, 0)


#: Seconds all the repairs of one load may take together; past them, the geometries not yet repaired
#: are drawn as read and counted in ``unrepaired`` (issue 16).
REPAIR_BUDGET_SECONDS = 10.0
#: Bytes of memory the repair of the large invalid geometries of one load may take (the child
#: process's address-space limit above its size at start).
REPAIR_BUDGET_BYTES = 1_500_000_000
#: Invalid geometries of more vertices, or more rings, than these are repaired in the child process.
_IN_PROCESS_VERTICES = _SMALL
_IN_PROCESS_RINGS = 50
#: Small invalid geometries repaired per call between budget and cancel checks.
_REPAIR_CHUNK = 512


def make_valid_one(geom):
    """``shapely.make_valid`` of one geometry, with the "structure" method as a fallback when GEOS
    refuses the default or leaves it invalid (vertices ~1e-60 apart); None when both fail."""
    try:
        fixed = shapely.make_valid(geom)
        if shapely.is_valid(fixed):
            return fixed
    except GEOSException:
        fixed = None
    try:
        return shapely.make_valid(geom, method="structure", keep_collapsed=False)
    except GEOSException:
        return fixed


def repair_geometries(
    geoms: np.ndarray,
    cancelled=None,
    budget_seconds: float | None = None,
    budget_bytes: int | None = None,
) -> tuple[np.ndarray, int, int, int]:
    """Repair invalid geometries with ``shapely.make_valid``, within a time and memory budget.

    Small invalid geometries (up to 500 vertices and 50 rings) are repaired here in chunks, with
    the budget and ``cancelled`` checked between chunks. Larger ones go to a child process
    (:mod:`asean_atlas.layers.repair_worker`) whose address space is limited to ``budget_bytes``
    above its size at start and which is killed when the time budget is spent or ``cancelled()``
    returns True: GEOS cannot be interrupted, and one hostile polygon took 24 GB and 300 s (issue
    16). Geometries whose repair is estimated too costly (more than :data:`REPAIR_MAX_CROSSINGS`
    self-intersections by :func:`crossing_estimate`, or :data:`REPAIR_MAX_VERTICES` vertices),
    that run out of memory, or that the budget does not reach, are kept as read: drawn, not
    repaired, and counted.

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry (or None), shape (n,)
    cancelled : callable, optional
        Polled between chunks and every 0.1 s while the child works; True stops the repair
        (:class:`~asean_atlas.layers.errors.LoadCancelled` is raised).
    budget_seconds : float, optional
        Wall time for all repairs; default :data:`REPAIR_BUDGET_SECONDS`.
    budget_bytes : int, optional
        Memory for the child; default :data:`REPAIR_BUDGET_BYTES`.

    Returns
    -------
    geoms : ndarray of shapely.Geometry, shape (n,)
        A copy with every non-null geometry valid, but the ones left unrepaired.
    repaired : int
        Invalid geometries replaced by a valid one.
    dropped : int
        Geometries GEOS could not repair at all (e.g. "Overlay input is mixed-dimension" on a
        polygon whose rings collapse to points, found by the property tests); set to None so the
        feature stays in the table without geometry.
    unrepaired : int
        Invalid geometries left as read: too costly, out of memory, or past the time budget.

    Raises
    ------
    LoadCancelled
        ``cancelled()`` returned True.
    """
    import time

    geoms = np.asarray(geoms, dtype=object)
    missing = shapely.is_missing(geoms)
    with np.errstate(invalid="ignore"):
        invalid = np.flatnonzero(~missing & ~shapely.is_empty(geoms) & ~shapely.is_valid(geoms))
    if invalid.size == 0:
        return geoms, 0, 0, 0
    deadline = time.monotonic() + (REPAIR_BUDGET_SECONDS if budget_seconds is None else budget_seconds)
    sizes = shapely.get_num_coordinates(geoms[invalid])
    rings = _ring_counts(geoms[invalid])
    hopeless = sizes > REPAIR_MAX_VERTICES
    big = ~hopeless & ((sizes > _IN_PROCESS_VERTICES) | (rings > _IN_PROCESS_RINGS))
    small = invalid[~hopeless & ~big]
    out = geoms.copy()
    repaired = dropped = 0
    unrepaired = int(hopeless.sum())
    for i in range(0, small.size, _REPAIR_CHUNK):
        _check_cancelled(cancelled)
        if time.monotonic() > deadline:
            unrepaired += small.size - i
            break
        rows = small[i : i + _REPAIR_CHUNK]
        try:
            fixed = shapely.make_valid(geoms[rows])
            bad = ~shapely.is_valid(fixed)
            if bad.any():
                fixed[bad] = [make_valid_one(g) for g in geoms[rows[bad]]]
        except GEOSException:  # one GEOS refuses: find it
            fixed = np.array([make_valid_one(g) for g in geoms[rows]], dtype=object)
        failed = shapely.is_missing(fixed)
        out[rows] = fixed
        dropped += int(failed.sum())
        repaired += int((~failed).sum())
    if big.any():
        r, d, u = _repair_in_child(geoms, out, invalid[big], deadline, cancelled,
                                   REPAIR_BUDGET_BYTES if budget_bytes is None else budget_bytes)
        repaired, dropped, unrepaired = repaired + r, dropped + d, unrepaired + u
    return out, repaired, dropped, unrepaired


def _ring_counts(geoms: np.ndarray) -> np.ndarray:
    """Rings of each polygon or multipolygon (0 for other types), vectorized."""
    types = shapely.get_type_id(geoms)
    counts = np.zeros(len(geoms), dtype=np.int64)
    poly = types == 3
    if poly.any():
        counts[poly] = shapely.get_num_interior_rings(geoms[poly]) + 1
    multi = np.flatnonzero(types == 6)
    if multi.size:
        parts, idx = shapely.get_parts(geoms[multi], return_index=True)
        np.add.at(counts, multi[idx], shapely.get_num_interior_rings(parts) + 1)
    return counts


def _check_cancelled(cancelled) -> None:
    if cancelled is not None and cancelled():
        from .errors import LoadCancelled

        raise LoadCancelled("loading cancelled (while repairing geometries)")


def _repair_in_child(geoms, out, rows, deadline, cancelled, budget_bytes) -> tuple[int, int, int]:
    """Repair ``geoms[rows]`` into ``out`` in :mod:`.repair_worker`; returns (repaired, dropped,
    unrepaired). What the child finishes before the deadline is kept; the rest stays as read."""
    import os
    import struct
    import subprocess
    import sys
    import threading
    import time
    from pathlib import Path

    worker = Path(__file__).with_name("repair_worker.py")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    payload = [struct.pack("<I", rows.size)]
    for wkb in shapely.to_wkb(geoms[rows]):
        payload += [struct.pack("<I", len(wkb)), wkb]
    results: dict[int, tuple[int, bytes]] = {}
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", str(worker), str(int(budget_bytes)), str(REPAIR_MAX_CROSSINGS)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )
    except OSError:  # cannot start a process here: leave them as read
        return 0, 0, int(rows.size)

    def feed() -> None:
        try:
            proc.stdin.write(b"".join(payload))
            proc.stdin.close()
        except OSError:  # the child died or was killed
            pass

    def collect() -> None:
        stream = proc.stdout
        while True:
            head = stream.read(9)
            if len(head) < 9:
                return
            i, status, n = struct.unpack("<IBI", head)
            body = stream.read(n)
            if len(body) < n:
                return
            results[i] = (status, body)

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=collect, daemon=True)]
    for t in threads:
        t.start()
    try:
        while threads[1].is_alive():
            threads[1].join(0.1)
            _check_cancelled(cancelled)
            if time.monotonic() > deadline:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        threads[1].join(1.0)
        for pipe in (proc.stdin, proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass
    repaired = dropped = 0
    for i, (status, body) in list(results.items()):
        if status == 0:
            out[rows[i]] = shapely.from_wkb(body)
            repaired += 1
        elif status == 2:
            out[rows[i]] = None
            dropped += 1
    return repaired, dropped, int(rows.size) - repaired - dropped


def seam_aware_bounds(geoms: np.ndarray) -> tuple[float, float, float, float] | None:
    """The smallest lon/lat box holding all geometries, allowed to cross the antimeridian.

    A layer around Fiji or across the Pacific, split at ±180° on load, has a naive bbox spanning
    the whole world (west -180, east 180). Here the longitude interval is the complement of the
    widest stretch of longitude that no geometry part touches; when that stretch is not the one
    across ±180°, the box crosses the seam and ``west > east`` (as RFC 7946 §5.2 writes it).

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry (or None), shape (n,), EPSG:4326 degrees

    Returns
    -------
    tuple of float or None
        ``(west, south, east, north)`` in degrees; ``west > east`` when crossing ±180°; None when
        no geometry has coordinates.
    """
    geoms = np.asarray(geoms, dtype=object)
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not ok.any():
        return None
    parts = shapely.get_parts(geoms[ok])
    while True:  # GeometryCollections may nest
        nested = shapely.get_type_id(parts) == 7
        if not nested.any():
            break
        parts = np.concatenate([parts[~nested], shapely.get_parts(parts[nested])])
    parts = parts[~shapely.is_empty(parts)]
    return _seam_box(shapely.bounds(parts))


def seam_aware_point_bounds(lon: np.ndarray, lat: np.ndarray) -> tuple[float, float, float, float] | None:
    """:func:`seam_aware_bounds` of points given by their coordinates.

    Parameters
    ----------
    lon, lat : ndarray of float, shape (n,)
        EPSG:4326 degrees; rows with NaN are skipped.

    Returns
    -------
    tuple of float or None
        ``(west, south, east, north)`` in degrees, ``west > east`` across ±180°; None when no
        point has coordinates.
    """
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return _seam_box(np.column_stack([lon, lat, lon, lat]))


def _seam_box(b: np.ndarray) -> tuple[float, float, float, float] | None:
    """The seam-aware box of part bounds ``b``, shape (m, 4) (west, south, east, north)."""
    b = b[np.all(np.isfinite(b), axis=1)]
    if len(b) == 0:
        return None
    south, north = float(b[:, 1].min()), float(b[:, 3].max())
    order = np.argsort(b[:, 0])
    x0, x1 = b[order, 0], np.maximum.accumulate(b[order, 2])
    # gaps between consecutive covered stretches, and the one across the seam
    inner = x0[1:] - x1[:-1]
    seam_gap = (x0[0] + 360.0) - x1[-1]
    if inner.size == 0 or inner.max() <= seam_gap:
        return float(x0[0]), south, float(x1[-1]), north
    i = int(np.argmax(inner))
    return float(x0[i + 1]), south, float(x1[i]), north


#: Deepest nesting of GeometryCollections read (real data nests one or two levels; a hostile file
#: nested 1,000 deep makes GEOS operations take minutes, issue 8).
MAX_COLLECTION_DEPTH = 32


def deep_collections(geoms: np.ndarray, max_depth: int = MAX_COLLECTION_DEPTH) -> np.ndarray:
    """Rows whose GeometryCollection nests other collections more than ``max_depth`` levels deep.

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry (or None), shape (n,)
    max_depth : int

    Returns
    -------
    ndarray of int
        Row positions, ascending.
    """
    geoms = np.asarray(geoms, dtype=object)
    rows = np.flatnonzero(shapely.get_type_id(geoms) == 7)
    level = geoms[rows]
    for _ in range(max_depth):
        if rows.size == 0:
            break
        parts, idx = shapely.get_parts(level, return_index=True)
        nested = shapely.get_type_id(parts) == 7
        level, rows = parts[nested], rows[idx[nested]]
    return np.unique(rows)


# -- WKB nesting, checked before GEOS sees it ----------------------------------------------------
# GEOS reads WKB recursively: a GeometryCollection nested ~20,000 deep (a 180 kB blob) overflows its
# stack and kills the process (SIGSEGV, issue 8). Collections and other nesting types:
_NESTING_TYPES = (4, 5, 6, 7, 9, 10, 11, 12, 15, 16)
_EWKB_FLAGS = (0, 0x80000000, 0x40000000, 0x20000000, 0xC0000000, 0xA0000000, 0x60000000, 0xE0000000)


def nesting_type_codes() -> list[bytes]:
    """The 4-byte WKB type fields (little and big endian, ISO Z/M/ZM and EWKB flags) of the
    geometry types that can nest others: compare ``wkb[1:5]`` with them to find candidates."""
    out = []
    for base in _NESTING_TYPES:
        for iso in (0, 1000, 2000, 3000):
            for flag in _EWKB_FLAGS:
                code = (base + iso) | flag
                out += [code.to_bytes(4, "little"), code.to_bytes(4, "big")]
    return out


def wkb_nesting_depth(data: bytes, limit: int = MAX_COLLECTION_DEPTH) -> int:
    """How deep the geometries of a WKB (ISO or EWKB) nest, read without recursion; stops as soon
    as ``limit`` is passed (returns ``limit + 1``) or the blob ends early (returns the depth so far).

    Parameters
    ----------
    data : bytes
        One WKB geometry.
    limit : int

    Returns
    -------
    int
        0 for a single Point/LineString/Polygon, 1 for a collection of those, and so on.
    """
    import struct

    n = len(data)
    off = 0
    deepest = 0
    stack = [1]  # geometries still to read at each open level (the root: one)
    while stack:
        if stack[-1] == 0:
            stack.pop()
            continue
        stack[-1] -= 1
        if off + 5 > n:
            return deepest
        order = "<" if data[off] == 1 else ">"
        (code,) = struct.unpack_from(order + "I", data, off + 1)
        off += 5
        if code & 0x20000000:  # EWKB SRID
            off += 4
        has_z = bool(code & 0x80000000) or (code & 0xFFFF) // 1000 in (1, 3)
        has_m = bool(code & 0x40000000) or (code & 0xFFFF) // 1000 in (2, 3)
        base = (code & 0x0FFFFFFF) % 1000
        dims = 2 + has_z + has_m
        if off + 4 > n and base != 1:
            return deepest
        if base == 1:
            off += 8 * dims
        elif base in (2, 8):
            (count,) = struct.unpack_from(order + "I", data, off)
            off += 4 + 8 * dims * count
        elif base in (3, 17):
            (rings,) = struct.unpack_from(order + "I", data, off)
            off += 4
            for _ in range(rings):
                if off + 4 > n:
                    return deepest
                (count,) = struct.unpack_from(order + "I", data, off)
                off += 4 + 8 * dims * count
        else:  # a nesting type: its members are the next level
            (count,) = struct.unpack_from(order + "I", data, off)
            off += 4
            stack.append(count)
            deepest = max(deepest, len(stack) - 1)
            if deepest > limit:
                return limit + 1
    return deepest
