"""The exported HTML really draws in a browser with the network blocked (skips without Chromium)."""

import re
import shutil
import subprocess

import pytest

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.html_export import export_html
from asean_atlas.layers.io import read_layer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed")
def test_all_cables_drawn_offline(cables_path, tmp_path):
    doc = MapDocument()
    doc.add_layer(read_layer(cables_path))
    out = export_html(doc, tmp_path / "cables.html", ExportOptions())
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--proxy-server=127.0.0.1:9",
         "--virtual-time-budget=8000", "--dump-dom", out.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    # one interactive SVG path per cable feature (the basemap is not interactive)
    assert len(re.findall(r'class="leaflet-interactive"', dom)) == 532
