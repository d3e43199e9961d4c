"""Issue 8 (items 5, 6): broken and hostile files never crash the command line.

About 300 generated files (:mod:`broken_files`, fixed seed: truncated and garbled GeoJSON, wrong
coordinate types, NaN/1e308 coordinates, out-of-range longitudes, deep nesting, colliding column
names, broken encodings, broken Shapefiles and zips, bad CSV, KML and GeoPackage garbage, empty
files, binary junk, odd file names...) go through ``asean-atlas info FILE`` and
``asean-atlas export --no-builtin --layer FILE --html OUT``, calling
``asean_atlas.desktop.cli.main`` in-process with stdout/stderr captured as on a UTF-8 terminal.

Acceptable: exit 0, or exit 2 with one line on stderr that names the file. Not acceptable: exit 1
("internal error"), any other status, a traceback, an exception escaping ``main``, a native crash,
more than 20 s for one command.

The cases run in one worker interpreter (:func:`fuzz_run.run_cases_worker`) rather than in the
pytest process itself, so that a native crash (a segfault in GDAL) or a hang fails the one case
and is reported, instead of killing the whole test session; a worker that crashes is replaced and
the run goes on. The worker has a 3 GB address-space limit. ``ATLAS_FUZZ_INPROCESS=1`` runs the
cases in the pytest process itself instead.

On demand (``ATLAS_FUZZ_HEAVY=1``, marked slow): thousands of light cases (``ATLAS_FUZZ_N``, default
3000; ``ATLAS_FUZZ_SEED``) and the heavy cases (30 MB property, 5000- and 100,000-deep nesting,
1 GB zip bomb, 100,000-vertex self-intersecting and 1,000,000-vertex polygons...), each command
in its own child with a 60 s timeout and a 4 GB address-space limit.
"""

from __future__ import annotations

import collections
import hashlib
import os
import time
from pathlib import Path

import pytest

import broken_files
import fuzz_run

SEED = 8_0506  # issue 8, items 5 and 6
N_LIGHT = 300
CASE_LIMIT_S = 20.0

heavy_only = pytest.mark.skipif(os.environ.get("ATLAS_FUZZ_HEAVY") != "1", reason="set ATLAS_FUZZ_HEAVY=1 to run")


def _assert_no_failures(outcomes, capsys, title: str) -> None:
    table = fuzz_run.summary(outcomes)
    with capsys.disabled():
        print(f"\n{title}\n{table}\n")
    fails = [o for o in outcomes if o.failed]
    assert not fails, f"{len(fails)} unacceptable outcomes of {len(outcomes)} runs:\n{table}"


def test_generator_is_deterministic_and_light(tmp_path):
    a = broken_files.generate(SEED, 80, tmp_path / "a")
    b = broken_files.generate(SEED, 80, tmp_path / "b")
    assert [(c.kind, c.description) for c in a] == [(c.kind, c.description) for c in b]

    def digest(folder: Path) -> dict:
        return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
                for f in sorted(folder.rglob("*")) if f.is_file()}

    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert set(c.kind for c in a) == set(broken_files.LIGHT_KINDS)
    too_big = [(c.path, broken_files.case_size(c)) for c in a if broken_files.case_size(c) > broken_files.LIGHT_MAX_BYTES]
    assert not too_big


def test_broken_files_fail_cleanly(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("ASEAN_ATLAS_DEBUG", raising=False)
    t0 = time.perf_counter()
    cases = broken_files.generate(SEED, N_LIGHT, tmp_path / "cases")
    assert len(cases) == N_LIGHT
    assert all(broken_files.case_size(c) <= broken_files.LIGHT_MAX_BYTES for c in cases)
    if os.environ.get("ATLAS_FUZZ_INPROCESS") == "1":  # in the pytest process itself (a segfault ends the session)
        outcomes = [o for c in cases for o in fuzz_run.run_case_inprocess(
            c, tmp_path / "out", CASE_LIMIT_S, hard_timeout=CASE_LIMIT_S + 5)]
    else:
        outcomes = fuzz_run.run_cases_worker(cases, tmp_path / "work", limit=CASE_LIMIT_S, hard_timeout=CASE_LIMIT_S + 5)
    assert len(outcomes) == 2 * N_LIGHT
    counts = collections.Counter(o.verdict for o in outcomes)
    _assert_no_failures(
        outcomes, capsys,
        f"fuzz: {N_LIGHT} broken files x (info, export --html), seed {SEED}, "
        f"{time.perf_counter() - t0:.1f} s; {dict(counts)}",
    )


@pytest.mark.slow
@heavy_only
def test_many_broken_files_fail_cleanly(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("ASEAN_ATLAS_DEBUG", raising=False)
    n = int(os.environ.get("ATLAS_FUZZ_N", "3000"))
    seed = int(os.environ.get("ATLAS_FUZZ_SEED", "1"))
    cases = broken_files.generate(seed, n, tmp_path / "cases")
    outcomes = fuzz_run.run_cases_workers(cases, tmp_path / "work", jobs=os.cpu_count() or 1,
                                          limit=CASE_LIMIT_S, hard_timeout=60.0, mem_bytes=3 * 1024**3)
    _assert_no_failures(outcomes, capsys, f"fuzz: {n} broken files, seed {seed}")


@pytest.mark.slow
@heavy_only
@pytest.mark.parametrize("kind", list(broken_files.HEAVY_KINDS))
def test_heavy_file_fails_cleanly(kind, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("ASEAN_ATLAS_DEBUG", raising=False)
    (case,) = broken_files.generate_heavy(tmp_path / "heavy", [kind])
    outcomes = fuzz_run.run_case_subprocess(case, tmp_path / "work", limit=60.0, mem_bytes=4 * 1024**3, separate=True)
    for o in outcomes:
        with capsys.disabled():
            print(f"\n{kind} {o.command}: {o.verdict} exit {o.code}, {o.seconds:.1f} s, peak RSS {o.peak_rss_mb:.0f} MB; {o.reason}")
    _assert_no_failures(outcomes, capsys, f"heavy case {kind}: {case.description}")
