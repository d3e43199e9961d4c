"""No text from a file ever runs (issue 8): the injection corpus × every place text reaches a page.

Each payload of :mod:`injection_corpus` goes at once into every position of an exported page: an
attribute value (the feature's name, tooltip, a ``source_url``), an attribute *name*, the layer
title, the file name (a layer read from a file named after the payload), a category label of a
categorized style, the layer's attribution and the ``title`` option. Then:

- on the exporting machine, no payload runs as a template (a Jinja payload would write into the
  marker folder) and the page's data holds every text exactly as given;
- outside its one JSON data block, the page is the same whatever the text (no user text reaches
  markup or script);
- in headless Chromium with the network blocked, with and without the page's
  Content-Security-Policy (so the escaping itself is tested, not only the policy), no payload
  leaves its marker, no element carries an event-handler attribute, every link is http(s), and
  the title, legend, layer control, attribution, popups and tooltips read exactly as given.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from injection_corpus import MARKER_ID, file_stem, payloads

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.html_export import export_html, page_data
from asean_atlas.layers.io import read_layer
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.style import Style

BASEMAP_CREDIT = "Basemap: Natural Earth (public domain); places: GeoNames (CC BY 4.0)"
BENIGN = "benign text"
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def _payload_layer(text: str) -> Layer:
    frame = gpd.GeoDataFrame(
        {"name": [text], "kind": [text], "source_url": [text], text: [text]},
        geometry=[shapely.Point(101.0, 13.0)],
        crs=4326,
    )
    style = Style(color="#377eb8", categorized_field="kind", categories={text: "#e41a1c"})
    return Layer(frame, title=text, style=style, attribution=text)


def _file_layer(text: str, folder: Path) -> Layer:
    path = folder / f"{file_stem(text)}.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"from file"},'
        '"geometry":{"type":"Point","coordinates":[104.0,11.0]}}]}',
        encoding="utf-8",
    )
    return read_layer(path, cache=False)


def _second(text: str) -> str:
    """The file layer's title: the file name, with " (2)" when it equals the first layer's title
    (a document keeps layer titles apart, issue 11)."""
    stem = file_stem(text)
    return stem if stem != text else f"{stem} (2)"


def _export(text: str, folder: Path, index: int) -> Path:
    doc = MapDocument()
    doc.add_layer(_payload_layer(text))
    doc.add_layer(_file_layer(text, folder))
    return export_html(doc, folder / f"page{index}.html", ExportOptions(title=text, bbox=(95.0, 5.0, 110.0, 20.0)))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(marker folder, [(payload, page path)]) with every page exported once, and the benign page."""
    marker = tmp_path_factory.mktemp("marker")
    folder = tmp_path_factory.mktemp("pages")
    texts = payloads(marker)
    pages = [(text, _export(text, folder, i)) for i, text in enumerate(texts)]
    benign = _export(BENIGN, tmp_path_factory.mktemp("benign"), 0)
    return marker, pages, benign


def test_corpus_size(corpus):
    _, pages, _ = corpus
    assert len(pages) >= 40


def test_no_payload_runs_as_a_template_on_this_machine(corpus):
    marker, pages, _ = corpus
    assert pages  # exported above, each Jinja payload in seven positions
    assert sorted(p.name for p in marker.iterdir()) == []


def test_page_data_holds_every_text_exactly(corpus):
    _, pages, _ = corpus
    for text, path in pages:
        data = page_data(path.read_text(encoding="utf-8"))
        a, b = data["layers"]
        assert data["title"] == text
        assert a["title"] == text and [c["label"] for c in a["classes"]] == ["", text]
        assert data["attribution"] == [text, BASEMAP_CREDIT]
        props = a["fc"]["features"][0]["properties"]
        assert props == {"name": text, "kind": text, "source_url": text, text: text}
        assert a["fields"] == ["name", "kind", "source_url", text]
        assert b["title"] == _second(text)


def _skeleton(page: str) -> str:
    """The page without its data block, folium's random element ids and the CSP hashes."""
    page = re.sub(r'(<script type="application/json" id="atlas-data">).*?(</script>)', r"\1\2", page, flags=re.S)
    page = re.sub(r"\b(map|fit_bounds|[a-z_]+)_[0-9a-f]{32}\b", r"\1_ID", page)
    return re.sub(r"'sha256-[A-Za-z0-9+/=]+'", "'sha256-H'", page)


def test_no_user_text_outside_the_data_block(corpus):
    _, pages, benign = corpus
    reference = _skeleton(benign.read_text(encoding="utf-8"))
    for text, path in pages:
        page = path.read_text(encoding="utf-8")
        assert _skeleton(page) == reference, f"user text reached the page's markup or script: {text[:80]!r}"
        # and inside the block, nothing can close it or open a comment
        block = re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', page, re.S).group(1)
        assert "<" not in block and ">" not in block and "\u2028" not in block and "\u2029" not in block


# -- in the browser ----------------------------------------------------------------------------------
PROBE = r"""
var out = {marker: !!document.getElementById(arguments[0]), title: null, docTitle: document.title,
           legend: [], control: [], attribution: [], popups: [], tooltips: [], onAttrs: [], badLinks: [],
           counts: {}};
var t = document.querySelector('#atlas-title > span');
out.title = t ? t.textContent : null;
document.querySelectorAll('.atlas-legend-layer, .atlas-legend-row > span:last-child')
  .forEach(function (e) { out.legend.push(e.textContent); });
document.querySelectorAll('.atlas-layer-name').forEach(function (e) { out.control.push(e.textContent); });
document.querySelectorAll('.atlas-attribution > div').forEach(function (e) { out.attribution.push(e.textContent); });
window.atlasLayers.forEach(function (g) {
  g.eachLayer(function (l) {
    var ll = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
    l.fire('click', {latlng: ll}, true);
    var ps = document.querySelectorAll('.leaflet-popup-content .atlas-popup'), p = ps[ps.length - 1];  // a closed one fades out
    out.popups.push(p ? Array.prototype.map.call(p.querySelectorAll('tr'), function (tr) {
      return [tr.children[0].textContent, tr.children[1].textContent,
              Array.prototype.map.call(tr.querySelectorAll('a'), function (a) { return a.getAttribute('href'); })];
    }) : null);
    g._map.closePopup();
    l.fire('mouseover', {latlng: ll}, true);
    var tts = document.querySelectorAll('.leaflet-tooltip'), tt = tts[tts.length - 1];
    out.tooltips.push(tt ? tt.textContent : null);
    l.fire('mouseout', {latlng: ll}, true);
    g.closeTooltip();
  });
});
out.marker = out.marker || !!document.getElementById(arguments[0]);
document.querySelectorAll('*').forEach(function (e) {
  for (var i = 0; i < e.attributes.length; i++) {
    if (/^on/i.test(e.attributes[i].name)) out.onAttrs.push(e.tagName + ' ' + e.attributes[i].name);
  }
});
document.querySelectorAll('a[href], area[href], form[action], base[href]').forEach(function (a) {
  var raw = a.getAttribute('href') || a.getAttribute('action') || '';
  if (/^#[\w-]*$/.test(raw)) return;  // Leaflet's own controls (#close, zoom buttons)
  if (!/^https?:$/.test(new URL(raw, location.href).protocol)) out.badLinks.push(raw);
});
['script', 'iframe', 'img', 'object', 'embed', 'base', 'meta', 'style', 'form', 'noscript', 'math']
  .forEach(function (tag) { out.counts[tag] = document.getElementsByTagName(tag).length; });
return out;
"""


def _collapse(text: str) -> str:
    """document.title strips and collapses ASCII whitespace (HTML Standard); Chromium also shows
    NUL as a space in the window title."""
    return " ".join(t for t in re.split(r"[\t\n\f\r ]+", text.replace("\x00", " ")) if t)


def _is_http_url(text: str) -> bool:
    """Whether the page may make ``text`` a link: http(s), no user name or password, nothing
    invisible or direction-changing (html_page.js ``safeUrl``)."""
    from urllib.parse import urlsplit

    if re.match(r"^\s*https?://", text, re.I) is None or re.search("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]", text.strip()):
        return False
    return "@" not in urlsplit(text.strip()).netloc


def _load(browser, path: Path, csp: bool) -> dict:
    if not csp:
        stripped = path.with_name(path.stem + "-nocsp.html")
        page = path.read_text(encoding="utf-8")
        assert _CSP.search(page), "the exported page has a Content-Security-Policy"
        stripped.write_text(_CSP.sub("", page), encoding="utf-8")
        path = stripped
    browser.get(path.as_uri())
    return browser.execute_script(PROBE, MARKER_ID)


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "without-csp"])
def test_nothing_runs_and_every_text_reads_as_given_in_the_browser(corpus, browser, csp):
    marker, pages, benign = corpus
    reference = _load(browser, benign, csp)
    assert reference["title"] == BENIGN and reference["legend"][:2] == [BENIGN, BENIGN]  # the probe works
    for text, path in pages:
        got = _load(browser, path, csp)
        short = text[:60]
        assert got["marker"] is False, f"payload ran: {short!r}"
        assert got["onAttrs"] == [] and got["badLinks"] == [], short
        assert got["counts"] == reference["counts"], short  # no element made from user text
        assert got["title"] == text, short
        assert got["docTitle"] == _collapse(text), short
        assert got["legend"] == [text, text, _second(text)], short
        assert got["control"] == [" " + text, " " + _second(text)], short
        assert got["attribution"] == [text, BASEMAP_CREDIT], short
        # a value longer than a tooltip's 200 or a popup's 2,000 characters is shown shortened,
        # saying its length (a 5 MB name froze the page on hover)
        def cut(t, n):
            return t if len(t) <= n else t[:n] + f"\u2026 ({len(t):,} characters)"

        assert got["tooltips"] == [cut(text, 200), "from file"], short
        rows = got["popups"][0]
        assert [r[:2] for r in rows] == [["name", cut(text, 2000)], ["kind", cut(text, 2000)],
                                         ["source_url", cut(text, 2000)], [text, cut(text, 2000)]], short
        links = [href for r in rows for href in r[2]]
        if _is_http_url(text):
            assert len(links) == 4 and all(re.match(r"^https?://", h) for h in links), short
        else:
            assert links == [], short  # javascript:, data:, vbscript: ... stay text
        assert got["popups"][1] == [["name", "from file", []]]
    assert sorted(p.name for p in marker.iterdir()) == []


def test_command_line_title_and_file_name(tmp_path, capsys):
    """The issue's reproducer, through ``asean-atlas export``: template text in the title, the file
    name and a value is kept as text and runs nothing."""
    from asean_atlas.desktop.cli import main

    marker = tmp_path / "marker"
    marker.mkdir()
    hostile = [p for p in payloads(marker) if "{{" in p or "{%" in p]
    assert len(hostile) >= 6
    for i, text in enumerate(hostile):
        folder = tmp_path / f"case{i}"
        folder.mkdir()
        path = folder / f"{file_stem(text)}.geojson"
        path.write_text(
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":'
            + __import__("json").dumps(text) + "}," + '"geometry":{"type":"Point","coordinates":[100,10]}}]}',
            encoding="utf-8",
        )
        out = folder / "map.html"
        assert main(["export", "--no-builtin", "--layer", str(path), "--title", text, "--html", str(out)]) == 0
        data = page_data(out.read_text(encoding="utf-8"))
        assert data["title"] == text and data["layers"][0]["title"] == file_stem(text)
        assert data["layers"][0]["fc"]["features"][0]["properties"]["name"] == text
    capsys.readouterr()
    assert list(marker.iterdir()) == []
