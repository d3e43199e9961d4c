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
    import atexit
    import shutil
    import tempfile

    os.environ["ASEAN_ATLAS_CACHE_DIR"] = tempfile.mkdtemp(prefix="atlas-test-cache-")
    atexit.register(shutil.rmtree, os.environ["ASEAN_ATLAS_CACHE_DIR"], ignore_errors=True)

# Autosaves and settings (recent projects) of test windows go to temporary folders, never the
# user's (issue 11).
if "ATLAS_AUTOSAVE_DIR" not in os.environ:
    import tempfile as _tempfile

    os.environ["ATLAS_AUTOSAVE_DIR"] = _tempfile.mkdtemp(prefix="atlas-test-autosave-")
    os.environ["XDG_CONFIG_HOME"] = _tempfile.mkdtemp(prefix="atlas-test-config-")

# before any test imports pyogrio: GDAL registers its drivers without the blocked ones (issue 8)
import asean_atlas.layers  # noqa: E402, F401

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


# -- a headless browser for the exported HTML pages (issue 8) -----------------------------------
CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
CHROMEDRIVER = next((p for p in ("/usr/bin/chromedriver",) if Path(p).exists()), None)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Selenium, with the network blocked (a proxy at 127.0.0.1:9 that
    refuses every connection), so a page can only show what it holds. Skips cleanly when Chromium,
    ChromeDriver (Debian ``chromium chromium-driver``) or selenium is absent; ``.ci/run`` installs
    them so CI does not skip."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("Chromium and ChromeDriver not installed (Debian: chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--window-size=1200,800"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(params=["zh_CN", "zh_TW"])
def chinese(request, qapp):
    """The interface's catalogue of one Chinese language (``resources/i18n``) and Qt's, installed
    as the application installs them; English again afterwards (issue 13). Yields the code."""
    from asean_atlas.desktop import i18n

    assert i18n.install(qapp, request.param) == request.param
    try:
        yield request.param
    finally:
        i18n.install(qapp, "en")


@pytest.fixture(scope="module")
def server():
    """A throw-away PostgreSQL + PostGIS server (``tests/pg_server.py``) for the tests of one
    module, stopped after them; the modules skip themselves when ``pg_server.available()`` says
    the binaries are missing."""
    import pg_server

    s = pg_server.Server()
    try:
        yield s
    finally:
        s.stop()
