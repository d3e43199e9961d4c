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


def test_tooltips_and_popups_are_readable(browser, tmp_path):
    """A hover label reads on one line and a popup is wide enough for its attribute names (a
    tooltip of "Chennai" was one letter per line with overflow-wrap:anywhere, issue 8 trial)."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer

    frame = gpd.GeoDataFrame(
        {"name": ["Chennai"], "start_date": ["2017-01-01"], "source_url": ["https://example.com/a"], "operator": ["Tata"]},
        geometry=[shapely.Point(80.27, 13.08)], crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "Stations"))
    out = export_html(doc, tmp_path / "s.html", ExportOptions(bbox=(70, 0, 95, 25)))
    browser.get(out.as_uri())
    got = browser.execute_script("""
      var l = window.atlasLayers[0].getLayers()[0], ll = l.getLatLng();
      l.fire('mouseover', {latlng: ll}, true);
      var t = document.querySelector('.leaflet-tooltip').getBoundingClientRect();
      l.fire('click', {latlng: ll}, true);
      var p = document.querySelector('.leaflet-popup-content').getBoundingClientRect();
      var th = document.querySelector('.atlas-popup th').getBoundingClientRect();
      return [t.width, t.height, p.width, th.height];""")
    tip_w, tip_h, popup_w, th_h = got
    assert tip_w > 45 and tip_h < 40  # one line
    assert popup_w > 150 and th_h < 30  # "start_date" on one line


def test_cable_popup_lists_and_highlights_its_stations(browser, tmp_path):
    """The cable <-> station network in the page (issue 10): a cable's popup lists its landing
    stations, highlights them, and each name opens that station's popup, which lists its cables."""
    from asean_atlas.layers.builtin import builtin_layers

    doc = MapDocument()
    for layer in builtin_layers():
        if layer.source in ("builtin:cables", "builtin:landing_stations"):
            doc.add_layer(layer)
    out = export_html(doc, tmp_path / "net.html", ExportOptions(html_time_slider=False))
    browser.get(out.as_uri())
    got = browser.execute_script("""
      var cables = window.atlasLayers[0], stations = window.atlasLayers[1], cable = null;
      cables.eachLayer(function (l) { if (l.feature.properties.id === 'southeast-asia-japan-cable-2-sjc2') cable = l; });
      cable.fire('click', {latlng: cable.getBounds().getCenter()}, true);
      var pops = document.querySelectorAll('.leaflet-popup-content'), pop = pops[pops.length - 1];
      var names = Array.prototype.map.call(pop.querySelectorAll('.atlas-link'), function (a) { return a.textContent; });
      var lit = 0;
      stations.eachLayer(function (l) { if (l.options.color === '#e8590c') lit += 1; });
      var changi = Array.prototype.filter.call(pop.querySelectorAll('.atlas-link'), function (a) { return a.textContent === 'Changi South 樟宜南'; })[0];
      changi.click();
      pops = document.querySelectorAll('.leaflet-popup-content'); pop = pops[pops.length - 1];
      var back = Array.prototype.map.call(pop.querySelectorAll('.atlas-link'), function (a) { return a.textContent; });
      var header = pop.querySelector('.atlas-links b').textContent;
      var lines = Array.prototype.map.call(pop.querySelectorAll('.atlas-link-line'), function (d) { return d.textContent; });
      return [names, lit, back, header, lines];""")
    names, lit, back, header, lines = got
    # the Chinese name beside the English one where the station has one (issue 10)
    assert len(names) == 10 and "Changi South 樟宜南" in names and "Chung Hom Kok 舂坎角" in names
    assert lit == 10
    assert "Southeast Asia-Japan Cable 2 (SJC2) 东南亚-日本2号海缆(SJC2)" in back and header.startswith("Cables landing here")
    # each cable with its RFS year, length, suppliers and first owners, as in the window's panel
    sjc2 = next(t for t in lines if t.startswith("Southeast Asia-Japan Cable 2"))
    cab = next(lyr for lyr in doc.layers if lyr.source == "builtin:cables").frame.set_index("id")
    f = cab.loc["southeast-asia-japan-cable-2-sjc2"]
    assert f"RFS {int(f['rfs_year'])} \u00b7 {f['length_km']:,.0f} km \u00b7 suppliers: NEC \u00b7 owners: " in sjc2


def test_labels_in_the_page_do_not_overlap(browser, tmp_path):
    """Labels in the HTML export (issue 11): countries, capitals and feature names, placed without
    overlaps, set as text."""
    from asean_atlas.layers.builtin import builtin_layers

    doc = MapDocument()
    for layer in builtin_layers():
        doc.add_layer(layer)
    out = export_html(doc, tmp_path / "labels.html", ExportOptions(html_time_slider=False))
    browser.get(out.as_uri())
    got = browser.execute_script("""
      window.atlasRelabel();
      var spans = Array.prototype.slice.call(document.querySelectorAll('.atlas-label'));
      var boxes = spans.map(function (s) { var r = s.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
      var overlap = 0;
      for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], b = boxes[j];
        if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5) overlap += 1;
      }
      return [spans.map(function (s) { return s.textContent; }), overlap,
              spans.filter(function (s) { return s.children.length; }).length];""")
    texts, overlap, with_children = got
    assert len(texts) > 30 and overlap == 0 and with_children == 0
    assert {"Bangkok", "Hanoi"} <= set(texts) and "LAOS" in {t.upper() for t in texts}


def test_marker_shapes_in_the_page(browser, tmp_path):
    """Squares, triangles, diamonds and stars are drawn as those shapes in the page, as in the
    window and the PNG (issue 12 item 6: every point was a circle), and keyed so in the legend."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer
    from asean_atlas.layers.style import MARKER_SHAPES, Style

    doc = MapDocument()
    for i, shape in enumerate(["circle", "square", "triangle", "diamond", "star"]):
        frame = gpd.GeoDataFrame({"name": [shape]}, geometry=[shapely.Point(100 + 2 * i, 10)], crs=4326)
        doc.add_layer(Layer(frame, shape, style=Style(color="#1b7a3e", marker_size=16, marker_shape=shape)))
    out = export_html(doc, tmp_path / "m.html", ExportOptions(bbox=(98, 5, 110, 15)))
    browser.get(out.as_uri())
    got = browser.execute_script("""
      return window.atlasLayers.map(function (g) {
        var l = g.getLayers()[0];
        return [l._path.getAttribute('d'), getComputedStyle(document.querySelectorAll('.atlas-swatch-point')[window.atlasLayers.indexOf(g)]).clipPath];
      });""")
    paths = [d for d, _ in got]
    clips = [c for _, c in got]
    assert "a" in paths[0].lower()  # Leaflet's circle: arcs
    for shape, d in zip(["square", "triangle", "diamond", "star"], paths[1:]):
        assert "a" not in d.lower() and d.lower().endswith("z")
        assert d.count("L") == len(MARKER_SHAPES[shape]) - 1, (shape, d)  # one vertex per corner
    assert clips[0] == "none" and all(c.startswith("polygon") for c in clips[1:])


def test_page_legend_follows_the_time_slider(browser, tmp_path):
    """A class no feature shows at the slider's date has no legend row, as in the window (issue 12
    item 6: the page listed "planned" while the slider showed 2005)."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer
    from asean_atlas.layers.style import Style
    from asean_atlas.layers.temporal import detect_temporal

    frame = gpd.GeoDataFrame(
        {"name": ["old", "new"], "kind": ["copper", "fibre"], "start": ["2001", "2020"]},
        geometry=[shapely.LineString([(100, 5), (105, 5)]), shapely.LineString([(100, 8), (105, 8)])], crs=4326)
    style = Style(color="#444444", categorized_field="kind", categories={"copper": "#aa5500", "fibre": "#0055aa"})
    doc = MapDocument()
    doc.add_layer(Layer(frame, "links", style=style, temporal=detect_temporal(frame.drop(columns="geometry"))))
    doc.set_year(2010)
    out = export_html(doc, tmp_path / "t.html", ExportOptions(bbox=(98, 0, 108, 12)))
    browser.get(out.as_uri())
    rows = """return Array.from(document.querySelectorAll('.atlas-legend-class'))
                .filter(function (r) { return r.style.display !== 'none'; })
                .map(function (r) { return r.textContent; });"""
    assert browser.execute_script(rows) == ["copper"]
    browser.execute_script("var t = window.atlasTime; t.slider.value = String(t.config.steps.length - 1); t.apply();")
    assert browser.execute_script(rows) == ["copper", "fibre"]


def test_page_opens_on_the_export_view(browser, tmp_path):
    """The page's first view is the export's bbox, fitted at a fractional zoom (issue 12 item 6:
    a --bbox of 8 x 15 degrees opened on a view more than twice as wide and tall, the next whole
    zoom level out). One axis is tight, the other widened to the window's shape."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer

    bbox = (99.0, 10.0, 107.0, 25.0)
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(103.0, 15.0)], crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "a"))
    out = export_html(doc, tmp_path / "v.html", ExportOptions(width=1000, height=800, bbox=bbox))
    browser.get(out.as_uri())
    w, s, e, n = browser.execute_script("""
      var m = window.atlasLayers[0]._map, b = m.getBounds();
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];""")
    assert w <= bbox[0] and s <= bbox[1] and e >= bbox[2] and n >= bbox[3], (w, s, e, n)  # all of it shown
    assert (n - s) < 1.25 * (bbox[3] - bbox[1]) or (e - w) < 1.25 * (bbox[2] - bbox[0]), (w, s, e, n)


def _many_points(n, seed=7):
    import geopandas as gpd
    import numpy as np
    import shapely

    rng = np.random.default_rng(seed)
    return gpd.GeoDataFrame(
        {"name": [f"site {i}" for i in range(n)], "year": rng.integers(2000, 2026, n)},
        geometry=shapely.points(rng.uniform(95, 125, n), rng.uniform(-5, 20, n)), crs=4326)


def _open_page(browser, path, layers, **options):
    """Export ``layers`` (Layer objects, bottom first) to the HTML page ``path`` with
    ExportOptions(**options) and open it in the browser."""
    doc = MapDocument()
    for layer in layers:
        doc.add_layer(layer)
    out = export_html(doc, path, ExportOptions(**options))
    browser.get(out.as_uri())
    return out


def test_big_point_layer_is_one_canvas_with_identify_and_time(browser, tmp_path):
    """Issue 12 item 7: a point layer above CANVAS_POINTS is written as columns and drawn on one
    canvas: every point in view is drawn, in its colour, a click opens that feature's popup, and
    the time slider hides the features not yet there (the counts Python computes)."""
    import numpy as np

    from asean_atlas.layers.html_export import CANVAS_POINTS
    from asean_atlas.layers.layer import Layer
    from asean_atlas.layers.temporal import TemporalSpec

    frame = _many_points(CANVAS_POINTS + 3000)
    layer = Layer(frame, "sites", temporal=TemporalSpec("year"))
    layer.style.color = "#ff00aa"
    doc = MapDocument()
    doc.add_layer(layer)
    out = export_html(doc, tmp_path / "big.html", ExportOptions(width=1200, height=800, bbox=(94, -6, 126, 21)))
    page = out.read_text(encoding="utf-8")
    assert page.count('"type":"Feature"') < 100  # columns, not a GeoJSON feature per point
    browser.get(out.as_uri())
    drawn = browser.execute_script("return +document.querySelector('canvas.atlas-point-canvas').dataset.drawn")
    assert drawn == len(frame)
    assert browser.find_elements("css selector", "path.leaflet-interactive") == []  # no SVG marker per point
    # a point's pixel is drawn in the layer's colour; a click there opens its popup
    k = 123
    x, y = frame.geometry.x[k], frame.geometry.y[k]
    got = browser.execute_script("""
      var m = window.atlasLayers[0]._map, cp = m.latLngToContainerPoint([arguments[1], arguments[0]]);
      var cv = document.querySelector('canvas.atlas-point-canvas'), r = window.devicePixelRatio || 1;
      var px = cv.getContext('2d').getImageData(Math.round(cp.x * r), Math.round(cp.y * r), 1, 1).data;
      m.fire('click', {latlng: m.containerPointToLatLng(cp), containerPoint: cp, originalEvent: {target: m.getContainer()}});
      var pop = document.querySelector('.atlas-popup');
      return [Array.from(px), pop ? pop.textContent : null];""", x, y)
    rgba, popup = got
    assert rgba[3] > 200 and rgba[0] > 200 and rgba[1] < 90 and rgba[2] > 120, rgba  # #ff00aa
    name = browser.execute_script("""
      var cells = document.querySelectorAll('.atlas-popup td');
      return cells.length ? cells[0].textContent : null;""")
    # the topmost point under the click: the one asked for, or one drawn on top of it
    assert popup is not None and name.startswith("site ")
    hit = int(name.split()[1])
    assert abs(frame.geometry.x[hit] - x) < 0.1 and abs(frame.geometry.y[hit] - y) < 0.1
    # time: as of 2010, only the features of 2010 and before
    drawn_2010 = browser.execute_script("""
      var t = window.atlasTime, k = t.config.steps.findIndex(function (s) { return s[2] === '2010'; });
      t.toggle.checked = true; t.slider.value = String(k); t.apply();
      return +document.querySelector('canvas.atlas-point-canvas').dataset.drawn;""")
    assert drawn_2010 == int(np.count_nonzero(frame["year"] <= 2010))


@pytest.mark.slow
def test_page_of_100k_points_and_cables_opens_fast(browser, tmp_path, cables_path):
    """Issue 12 item 7 / 9: 100,000 points and the cables open in headless Chromium in <= 5 s
    (the page took 7.1 s before the canvas layer; see bench/html_scale.py for the ratios)."""
    import time

    from asean_atlas.layers.layer import Layer

    doc = MapDocument()
    doc.add_layer(Layer(_many_points(100_000), "points"))
    doc.add_layer(read_layer(cables_path))
    out = export_html(doc, tmp_path / "100k.html", ExportOptions())
    browser.get("about:blank")
    t = time.perf_counter()
    browser.get(out.as_uri())
    browser.execute_async_script("var cb = arguments[0]; requestAnimationFrame(function () { setTimeout(cb, 0); });")
    secs = time.perf_counter() - t
    drawn = browser.execute_script("return +document.querySelector('canvas.atlas-point-canvas').dataset.drawn")
    assert drawn > 90_000  # the default view holds (nearly) all of them
    assert secs <= 5.0, secs


def _view_and_points(browser, uri):
    browser.get(uri)
    return browser.execute_script("""
      var m = window.atlasLayers[0]._map, b = m.getBounds(), size = m.getSize(), pts = [];
      window.atlasLayers.forEach(function (g) {
        if (!g.eachLayer) return;
        g.eachLayer(function (l) {
          var lls = l.getLatLng ? [l.getLatLng()] : [].concat.apply([], [l.getLatLngs()]).flat(3);
          lls.forEach(function (ll) { var c = m.latLngToContainerPoint(ll); pts.push([c.x, c.y]); });
        });
      });
      return [[b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], [size.x, size.y], pts];""")


def test_page_view_across_the_antimeridian(browser, tmp_path):
    """Issue 12 item 6: a layer around Fiji opens on one short view across ±180°, every vertex on
    screen (a line split at the antimeridian, as TeleGeography's cables are, drawn whole), and the
    land on both sides; a single point gets a padded view."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer

    frame = gpd.GeoDataFrame(
        {"name": ["Suva", "Savusavu", "cable"]},
        geometry=[shapely.Point(178.44, -18.14), shapely.Point(-179.7, -16.8),
                  shapely.MultiLineString([[(176.0, -17.0), (180.0, -17.5)], [(-180.0, -17.5), (-178.0, -18.0)]])],
        crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "Fiji"))
    out = export_html(doc, tmp_path / "fiji.html", ExportOptions(width=1000, height=700))
    (w, s, e, n), (sx, sy), pts = _view_and_points(browser, out.as_uri())
    assert e - w < 30 and w < 176 and e > 182, (w, e)  # one short view, not the whole world
    assert len(pts) == 2 + 4
    assert all(0 <= x <= sx and 0 <= y <= sy for x, y in pts), pts
    land = browser.execute_script("return document.querySelectorAll('path:not(.leaflet-interactive)').length")
    assert land >= 1  # Fiji's land drawn (the basemap is not interactive)

    one = Layer(gpd.GeoDataFrame({"name": ["Nanning"]}, geometry=[shapely.Point(108.32, 22.82)], crs=4326), "one")
    doc = MapDocument()
    doc.add_layer(one)
    out = export_html(doc, tmp_path / "one.html", ExportOptions(width=1000, height=700))
    (w, s, e, n), (sx, sy), pts = _view_and_points(browser, out.as_uri())
    assert 0.3 < e - w < 5 and 0.3 < n - s < 5, (w, s, e, n)
    assert abs(pts[0][0] - sx / 2) < 2 and abs(pts[0][1] - sy / 2) < 2


def test_page_honours_a_pacific_bbox(browser, tmp_path, cables_path):
    """Issue 12 item 6: --bbox 150,-50,-120,10 (west > east) opens on that Pacific view, not on the
    whole world, with the cables east of 180° drawn there (shifted by 360°)."""
    doc = MapDocument()
    doc.add_layer(read_layer(cables_path))
    out = export_html(doc, tmp_path / "pacific.html", ExportOptions(width=1200, height=800, bbox=(150, -50, -120, 10)))
    (w, s, e, n), (sx, sy), pts = _view_and_points(browser, out.as_uri())
    assert w <= 150 and e >= 240 and e - w < 140, (w, e)
    assert s <= -50 and n >= 10
    on_screen = [p for p in pts if 0 <= p[0] <= sx and 0 <= p[1] <= sy]
    # east of 180 (Fiji-Tonga-Samoa-Tahiti-Hawaii) is drawn: 89 vertices in the view's east 40 %
    east = [p for p in on_screen if p[0] > sx * 0.6]
    assert len(on_screen) > 500 and len(east) > 50, (len(on_screen), len(east))


def test_page_search_box_finds_and_opens_features(browser, tmp_path):
    """Issue 12 item 6: the page's search box finds a feature by name without accents, by its
    Chinese name's pinyin, by id, in small and canvas layers; choosing a hit opens its popup."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer

    frame = gpd.GeoDataFrame(
        {"name": ["Đà Nẵng landing", "<img src=x onerror=alert(1)>", None],
         "name_zh": [None, None, "南宁国际通信出入口局"], "id": ["dn-1", "x-2", "nn-3"]},
        geometry=[shapely.Point(108.2, 16.05), shapely.Point(100, 13), shapely.Point(108.32, 22.82)], crs=4326)
    _open_page(browser, tmp_path / "search.html", [Layer(frame, "Sites"), Layer(_many_points(6000), "Many")],
               bbox=(95, 0, 125, 25))
    assert browser.execute_script("return window.atlasSearch('da nang')") == ["Đà Nẵng landing"]
    assert browser.execute_script("return window.atlasSearch('nanning')") == ["南宁国际通信出入口局"]
    assert browser.execute_script("return window.atlasSearch('X-2')") == ["<img src=x onerror=alert(1)>"]
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0  # text, not markup
    assert browser.execute_script("return window.atlasSearch('site 4321')") == ["site 4321"]  # canvas layer
    got = browser.execute_script("""
      document.querySelector('.atlas-search-hit').click();
      var m = window.atlasLayers[0]._map, pop = document.querySelector('.atlas-popup td');
      return [pop ? pop.textContent : null, m.getZoom(), m.getCenter().lat, m.getCenter().lng];""")
    name, zoom, lat, lon = got
    row = _many_points(6000).iloc[4321]
    assert name == "site 4321" and zoom >= 8
    assert abs(lat - row.geometry.y) < 1e-3 and abs(lon - row.geometry.x) < 1e-3
    assert browser.execute_script("return window.atlasSearch('zzzz-nothing')") == []
    assert "No match" in browser.find_element("id", "atlas-search").text


def test_popup_numbers_as_written(browser, tmp_path):
    """Issue 12 item 6/9: years and ids print as in the data (2024, not 2,024), decimals too; in a
    GeoJSON layer's popup and in a canvas layer's."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer

    frame = gpd.GeoDataFrame({"name": ["a"], "rfs_year": [2024], "cable_id": [1234567], "capacity_tbps": [12.5]},
                             geometry=[shapely.Point(100, 10)], crs=4326)
    many = _many_points(6000)
    _open_page(browser, tmp_path / "n.html", [Layer(frame, "one"), Layer(many, "many")],
               bbox=(95, 0, 125, 25))
    cells = browser.execute_script("""
      var l = window.atlasLayers[0].getLayers()[0];
      l.fire('click', {latlng: l.getLatLng()}, true);
      return Array.from(document.querySelectorAll('.atlas-popup td')).map(function (c) { return c.textContent; });""")
    assert cells == ["a", "2024", "1234567", "12.5"]
    window_year = browser.execute_script("""
      window.atlasSearch('site 17'); document.querySelector('.atlas-search-hit').click();
      var pops = document.querySelectorAll('.atlas-popup'), pop = pops[pops.length - 1];  // the old one fades out
      return Array.from(pop.querySelectorAll('td')).map(function (c) { return c.textContent; });""")
    assert window_year == ["site 17", str(int(many["year"][17]))]


def test_multipart_features_and_long_values_do_not_break_the_page(browser, tmp_path):
    """A MultiPoint and a GeometryCollection among small layers' features (Leaflet stopped the
    page's script: no legend, title, search), their parts opening the feature's popup; a 1 MB
    value shortened in tooltips and popups; a field named __proto__ shown in a canvas popup."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer

    long = "word " * 200_000
    frame = gpd.GeoDataFrame(
        {"name": ["multi", "coll", long]},
        geometry=[shapely.MultiPoint([(100, 5), (101, 6)]),
                  shapely.GeometryCollection([shapely.Point(102, 7), shapely.LineString([(100, 5), (101, 6)])]),
                  shapely.Point(103, 6)], crs=4326)
    many = _many_points(6000)
    many["__proto__"] = "own value"
    _open_page(browser, tmp_path / "parts.html", [Layer(frame, "parts"), Layer(many, "many")],
               bbox=(95, 0, 125, 25))
    # the page's script builds the legend and search once loaded: on a loaded machine (a 1 MB
    # value to shorten) that may come a moment after the load event (seen failing in CI)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(lambda b: b.execute_script(
        "return !!document.getElementById('atlas-legend') && !!document.getElementById('atlas-search')"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    got = browser.execute_script("""
      var g = window.atlasLayers[0], part = null, big = null;
      g.eachLayer(function (l) {
        if (l.eachLayer && l.feature.properties.name === 'multi') l.eachLayer(function (p) { part = p; });
        if (l.feature && l.feature.properties.name.length > 1000) big = l;
      });
      part.fire('click', {latlng: part.getLatLng()}, true);
      var first = document.querySelector('.atlas-popup td').textContent;
      big.fire('click', {latlng: big.getLatLng()}, true);
      var pops = document.querySelectorAll('.atlas-popup'), pop = pops[pops.length - 1];
      return [first, pop.querySelector('td').textContent.length, pop.querySelector('td').textContent.slice(-30)];""")
    assert got[0] == "multi"
    assert got[1] < 2100 and got[2].endswith("(1,000,000 characters)")
    window_row = browser.execute_script("""
      window.atlasSearch('site 5'); document.querySelector('.atlas-search-hit').click();
      var pops = document.querySelectorAll('.atlas-popup'), pop = pops[pops.length - 1];
      return Array.from(pop.querySelectorAll('tr')).map(function (r) { return r.textContent; });""")
    assert "__proto__own value" in window_row


def test_page_search_ranks_as_the_window(browser, tmp_path):
    """Issue 12 item 6: the page's search gives the window's hits in the window's order (names
    before other fields, whole words before substrings, a Chinese query by its pinyin)."""
    from asean_atlas.layers.builtin import builtin_layers
    from asean_atlas.layers.search import search

    doc = MapDocument()
    for layer in builtin_layers():
        doc.add_layer(layer)
    out = export_html(doc, tmp_path / "b.html", ExportOptions(html_time_slider=False))
    browser.get(out.as_uri())
    top = list(reversed(doc.visible_layers()))
    for q in ("nanning", "china mobile", "南宁", "sjc2", "singapore", "da nang"):
        window = [h.name for h in search(top, q, limit=6)]
        page = browser.execute_script("return window.atlasSearch(arguments[0]).slice(0, 6)", q)
        assert len(page) == len(window) and all(p.startswith(w) for p, w in zip(page, window)), (q, page, window)


def test_popup_pages_through_stacked_points(browser, tmp_path):
    """Points on one spot (several data centres in one building) are all reachable from the popup,
    "1 of N" with previous/next, across small and canvas layers, as the window's identify."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.layer import Layer

    spot = (103.85, 1.29)
    small = gpd.GeoDataFrame({"name": ["dc one", "dc two"]}, geometry=[shapely.Point(*spot)] * 2, crs=4326)
    many = _many_points(6000)
    many.loc[0, "geometry"] = shapely.Point(*spot)
    many.loc[0, "name"] = "canvas site"
    _open_page(browser, tmp_path / "stack.html", [Layer(many, "many"), Layer(small, "centres")],
               bbox=(103.5, 1.0, 104.2, 1.6))
    names = browser.execute_script("""
      var g = window.atlasLayers[1], l = g.getLayers()[0];
      l.fire('click', {latlng: l.getLatLng()}, true);
      var bar = document.querySelector('.atlas-stack-where'), next = document.querySelectorAll('.atlas-stack-bar button')[1];
      var seen = [];
      for (var k = 0; k < 3; k++) {
        seen.push([bar.textContent.trim(), document.querySelector('.atlas-stack .atlas-popup td').textContent]);
        next.click();
      }
      return seen;""")
    assert [n[1] for n in names] == ["dc one", "dc two", "canvas site"], names
    assert names[0][0] == "1 of 3 \u2014 centres" and names[2][0] == "3 of 3 \u2014 many"


def test_page_play_button_steps_the_slider(browser, tmp_path):
    """The page's ▶ steps the time slider by one step per playback interval (wrapping at the end)
    and ⏸ stops it."""
    import time

    from asean_atlas.layers.layer import Layer
    from asean_atlas.layers.temporal import TemporalSpec

    _open_page(browser, tmp_path / "play.html", [Layer(_many_points(50), "sites", temporal=TemporalSpec("year"))],
               bbox=(95, 0, 125, 25))
    start, steps, interval = browser.execute_script("""
      var t = window.atlasTime; t.slider.value = '0';
      document.getElementById('atlas-time-play').click();
      return [+t.slider.value, t.config.steps.length, t.config.intervalMs];""")
    time.sleep(2.5 * interval / 1000)
    moved = browser.execute_script("""
      var v = +window.atlasTime.slider.value; document.getElementById('atlas-time-play').click(); return v;""")
    assert start == 0 and 1 <= moved <= 3 and steps > 3  # about 2 steps (timers run late under load)
    time.sleep(1.5 * interval / 1000)
    assert browser.execute_script("return +window.atlasTime.slider.value") == moved  # paused


def test_legend_has_the_size_rows_and_the_lifecycle_key(browser, tmp_path):
    """The page's legend as the window's: the data centres' size rows ("500 MW", "capacity not
    given") and the lifecycle key, in the page's language (they were missing, session 31)."""
    from asean_atlas.layers.builtin import builtin_layers

    doc = MapDocument()
    for layer in builtin_layers():
        doc.add_layer(layer)
    out = export_html(doc, tmp_path / "all.html", ExportOptions(html_time_slider=False))
    browser.get(out.as_uri())
    text = browser.execute_script("return document.getElementById('atlas-legend').innerText")
    assert "capacity not given" in text and re.search(r"\b\d+ MW\b", text)
    assert "Lifecycle" in text and "planned / under construction (dashed, hollow)" in text and "retired" in text
    sizes = browser.execute_script("""return Array.prototype.map.call(
        document.querySelectorAll('.atlas-legend-size .atlas-swatch'), function (s) { return s.offsetWidth; });""")
    assert len(sizes) >= 3 and sizes[:-1] == sorted(sizes[:-1], reverse=True) and sizes[0] > sizes[-2]  # then "not given"
    doc.language = "zh_CN"
    out = export_html(doc, tmp_path / "zh.html", ExportOptions(html_time_slider=False))
    browser.get(out.as_uri())
    text = browser.execute_script("return document.getElementById('atlas-legend').innerText")
    assert "兆瓦" in text and "容量未提供" in text and "生命周期" in text
