"""The HTML export keeps a working time slider (issue 5): per-feature intervals, same semantics."""

import json
import re
import shutil
import subprocess

import geopandas as gpd
import pytest
import shapely

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.html_export import build_map, export_html, feature_collection, page_data, time_properties
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.temporal import TemporalSpec

MS_2017 = 1483228800000  # 2017-01-01T00:00:00Z
MS_2020_03 = 1583020800000  # 2020-03-01T00:00:00Z


def _layer():
    frame = gpd.GeoDataFrame(
        {
            "name": ["AAE-1", "APCN-2", "Old", "Undated"],
            "start": ["2017", "2001-05-04", "1999", None],
            "end": [None, None, "2020-03", None],
            "status": ["in service", "in service", "in service", "planned"],
        },
        geometry=[shapely.LineString([(100 + i, 5), (101 + i, 6)]) for i in range(4)],
        crs=4326,
    )
    return Layer(frame, "Cables", temporal=TemporalSpec("start", "end"))


def _doc(layer):
    doc = MapDocument(title="T")
    doc.add_layer(layer)
    return doc


def test_features_carry_their_interval():
    fc = json.loads(feature_collection(_layer(), members=time_properties(_layer())))
    members = [f["atlas"] for f in fc["features"]]
    assert [m["t0"] for m in members] == [MS_2017, 988934400000, 915148800000, None]
    assert [m["t1"] for m in members] == [None, None, MS_2020_03, None]
    assert all("t0" not in f["properties"] for f in fc["features"])  # never among the attributes


def test_page_has_slider_config_and_every_feature(tmp_path):
    layer = _layer()
    doc = _doc(layer)
    out = export_html(doc, tmp_path / "t.html", ExportOptions(year=2010))
    page = out.read_text(encoding="utf-8")
    data = page_data(page)
    assert "AAE-1" in {f["properties"]["name"] for f in data["layers"][0]["fc"]["features"]}  # hidden as of 2010 but in the page, for the slider
    assert "atlas-time-slider" in page and data["stamp"] == "as of 2010"
    cfg = data["time"]
    labels = [s[2] for s in cfg["steps"]]
    assert labels[0] == "1999" and labels[-1] == "2020" and cfg["steps"][cfg["index"]][2] == "2010"
    assert cfg["mode"] == "as_of" and cfg["endInclusive"] is False and cfg["enabled"] is True
    assert data["layers"][0]["time"] == {"events": False, "undatedShow": True, "retiredGrey": True}
    # no CDN: the control is our own script
    assert "TimestampedGeoJson" not in page and "timeline" not in page.lower()


def test_slider_off_bakes_the_filter(tmp_path):
    out = export_html(_doc(_layer()), tmp_path / "b.html", ExportOptions(year=2010, html_time_slider=False))
    page = out.read_text(encoding="utf-8")
    assert "AAE-1" not in page and page_data(page)["time"] is None


def test_window_mode_and_inclusive_end_travel_to_the_page():
    doc = _doc(_layer())
    doc.time.set_mode("window")
    doc.time.set_end_inclusive(True)
    doc.set_year(2005)
    page = build_map(doc, ExportOptions()).get_root().render()
    cfg = page_data(page)["time"]
    assert cfg["mode"] == "window" and cfg["endInclusive"] is True


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_browser_slider_shows_what_the_desktop_shows(tmp_path):
    """Move the page's slider in headless Chromium (network blocked) and count the features per step."""
    layer = _layer()
    doc = _doc(layer)
    page = build_map(doc, ExportOptions(year=2010)).get_root().render()
    probe = """<script>window.addEventListener('load', function () { setTimeout(function () {
      var a = window.atlasTime, g = a.groups[0], out = [];
      for (var i = 0; i < a.config.steps.length; i++) { a.slider.value = i; a.toggle.checked = true; a.apply();
        out.push(g.getLayers().length); }
      a.toggle.checked = false; a.apply(); out.push(g.getLayers().length);
      var d = document.createElement('pre'); d.id = 'probe'; d.textContent = JSON.stringify(out);
      document.body.appendChild(d); }, 300); });</script></body>"""
    path = tmp_path / "probe.html"
    path.write_text(page.replace("</body>", probe), encoding="utf-8")
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--proxy-server=127.0.0.1:9", "--virtual-time-budget=5000",
         "--dump-dom", str(path)], capture_output=True, text=True, timeout=120,
    ).stdout
    m = re.search(r'<pre id="probe">(\[.*?\])</pre>', dom)
    if m is None:
        pytest.skip("leaflet did not load in headless chromium (folium CDN page?)")
    got = json.loads(m.group(1))
    expected = [int(layer.drawn_mask(f).sum()) for f in doc.time.filters()] + [4]
    assert got == expected
    # 1999: Old + Undated; 2017: all four; 2020: Old retired in 2020-03 but drawn grey
    assert got[0] == 2 and got[18] == 4
