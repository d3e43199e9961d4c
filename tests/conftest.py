"""Shared test set-up: Qt offscreen, paths to the real public test data beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must never need a display in tests (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The layer cache (asean_atlas.layers.cache) of files loaded by tests goes to a temporary folder,
# never the user's cache directory.
if "ASEAN_ATLAS_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["ASEAN_ATLAS_CACHE_DIR"] = tempfile.mkdtemp(prefix="atlas-test-cache-")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REALDATA = SHARED / "realdata"
CABLES = REALDATA / "telegeography" / "cable-geo.json"
LANDING_POINTS = REALDATA / "telegeography" / "landing-point-geo.json"
NE_COUNTRIES = REALDATA / "naturalearth" / "ne_110m_admin_0_countries.json"


def need(path: Path) -> Path:
    """Skip the test cleanly when a file of ../shared is absent."""
    if not path.exists():
        pytest.skip(f"real test data not available: {path}")
    return path


@pytest.fixture
def cables_path() -> Path:
    return need(CABLES)


@pytest.fixture
def landing_points_path() -> Path:
    return need(LANDING_POINTS)


@pytest.fixture(autouse=True)
def _collect_garbage_after_each_test():
    """Collect reference cycles right after each test, so a Qt wrapper freed in the wrong order
    fails the test that made it (and deterministically), not a random later allocation."""
    yield
    import gc

    gc.collect()
