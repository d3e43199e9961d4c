"""Confidence and sources on the map (issue 12 item 4): low-confidence features drawn lighter
with a legend key in the window, the PNG and the HTML page; a numbered sources footnote of the
features in view."""

import json
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from asean_atlas.desktop import layout
from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.export import export_page_view, export_png
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.html_export import export_html
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.sources import short_source, sources_footnote, visible_sources
from asean_atlas.layers.style import Style

RED = "#d7191c"


def _doc():
    frame = gpd.GeoDataFrame(
        {"name": ["sure", "weak", "far"], "confidence": ["high", "LOW", "high"],
         "source": ["Reuters, 2024-07-04; Bangkok Post, 2024", "a blog (unconfirmed), 2023", "Reuters, 2025"]},
        geometry=[shapely.Point(100.0, 5.0), shapely.Point(110.0, 5.0), shapely.Point(150.0, 5.0)], crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "sites", style=Style(color=RED, fill_color=RED, marker_size=24)))
    return doc


def test_low_confidence_is_drawn_lighter_and_keyed(tmp_path, qapp):
    doc = _doc()
    opts = ExportOptions(width=900, height=500, bbox=(95.0, 0.0, 115.0, 10.0), title="")
    image = QImage(str(export_png(doc, tmp_path / "c.png", opts)))
    view = export_page_view(doc, opts)
    x, y = lonlat_to_display(np.array([100.0, 110.0]), np.array([5.0, 5.0]))
    px, py = view.to_pixels(x, y)
    sure = QColor(image.pixel(round(px[0]), round(py[0])))
    weak = QColor(image.pixel(round(px[1]), round(py[1])))
    assert abs(sure.red() - 0xd7) <= 10 and sure.green() < 60  # the layer's red, full strength
    assert weak.green() > 120 and weak.red() > 200  # the same red at 40 %: pink, over the pale sea
    rows = [(r[1].strip(), r[2]) for r in layout.legend_rows(doc)]
    assert ("Confidence", "") in rows and any(label.startswith("low: drawn lighter") and c.startswith("light:")
                                              for label, c in rows)
    # no low-confidence feature drawn: no key
    from asean_atlas.layers.filter import FeatureFilter

    doc.layers[0].set_filter(FeatureFilter("name != 'weak'"))
    assert "Confidence" not in [r[1] for r in layout.legend_rows(doc)]


def test_sources_footnote_lists_the_sources_in_view(tmp_path, qapp):
    doc = _doc()
    assert short_source("TeleGeography www.submarinecablemap.com repo, web/public/api/v3/cable/apcn-2.json") == \
        "TeleGeography www.submarinecablemap.com repo"
    assert short_source("Fortune China (财富中文网), 2025") == "Fortune China"
    # (150 E is outside the view: its source counts only once, for the feature in view)
    sources = visible_sources(doc, (95.0, 0.0, 115.0, 10.0), None)
    assert sources == [("a blog", 1), ("Bangkok Post", 1), ("Reuters", 1)]  # ties by name
    assert visible_sources(doc, None, None)[0] == ("Reuters", 2)
    assert sources_footnote(sources, max_items=2) == \
        "Sources (features): [1] a blog (1) · [2] Bangkok Post (1) · and 1 more (see each feature's source attribute)"
    opts = ExportOptions(width=900, height=500, bbox=(95.0, 0.0, 115.0, 10.0))
    lines = layout.footer_lines(doc, opts)
    assert lines[-1] == "Sources (number of features): [1] a blog (1) · [2] Bangkok Post (1) · [3] Reuters (1)"
    import dataclasses

    assert not any(line.startswith("Sources") for line in layout.footer_lines(doc, dataclasses.replace(opts, sources_footnote=False)))


def test_builtin_export_cites_its_sources_in_the_pdf(tmp_path, capsys):
    pypdf = pytest.importorskip("pypdf")
    pdf = tmp_path / "m.pdf"
    assert main(["export", "--pdf", str(pdf), "--year", "2024", "--size", "A4-landscape"]) == 0
    import unicodedata

    text = " ".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    text = " ".join(unicodedata.normalize("NFKC", text).split())  # the PDF's "ﬁ" ligatures, its tabs
    assert re.search(r"\[1\] TeleGeography www\.submarinecablemap\.com repo \(\d+\)", text), text[-600:]
    assert "Confidence low: drawn lighter" in text


def test_html_page_draws_low_confidence_lighter(tmp_path):
    doc = _doc()
    out = export_html(doc, tmp_path / "c.html", ExportOptions(width=900, height=500, bbox=(95.0, 0.0, 115.0, 10.0)))
    page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', page, re.S).group(1))
    assert data["lowOpacity"] == 0.4
    (cfg,) = data["layers"]
    assert cfg["hasLow"] is True
    flags = {f["properties"]["name"]: f["atlas"].get("l") for f in cfg["fc"]["features"]}
    assert flags == {"sure": 0, "weak": 1, "far": 0}


def test_builtin_layers_have_low_confidence_rows(qapp):
    doc = build_document([])
    weak = {lyr.source: int(lyr.low_confidence().sum()) for lyr in doc.layers if lyr.low_confidence() is not None}
    assert weak.get("builtin:cables", 0) > 0 and weak.get("builtin:data_centres", 0) > 0
