"""The map in the chosen language (issue 13 item 2): legend, built-in layer titles, date stamp,
subtitle, scale bar, sources footnote; ``export --lang``."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from asean_atlas.layers.map_text import class_label, date_label, map_text, scale_label


@pytest.mark.parametrize("label, lang, expected", [
    ("2024", "zh_CN", "2024年"),
    ("2017-05", "zh_TW", "2017年5月"),
    ("2017-05-04", "zh_CN", "2017年5月4日"),
    ("2010–2014", "zh_CN", "2010年–2014年"),
    ("2017-05-04 – 2018-01-01", "zh_TW", "2017年5月4日 – 2018年1月1日"),
    ("2024", "en", "2024"),
    (None, "zh_CN", None),
])
def test_date_labels(label, lang, expected):
    assert date_label(label, lang) == expected


def test_map_words():
    assert scale_label("1000 km", "zh_CN") == "1000 公里"
    assert scale_label("200 m", "zh_TW") == "200 公尺"
    assert scale_label("200 m", "en") == "200 m"
    assert map_text("As of {label}", "zh_TW", label="2024年") == "截至2024年"
    assert map_text("As of {label}", "en", label="2024") == "As of 2024"
    assert map_text("   retired", "zh_CN") == "   已退役"  # legend indentation kept
    assert map_text("My own title", "zh_CN") == "My own title"  # not map vocabulary: as written
    assert map_text("Submarine cables", "zh_TW") == "海底電纜"
    assert class_label("   In Service", "zh_CN") == "   已投入使用"
    assert class_label("   Telkom", "zh_CN") == "   Telkom"  # a data value stays


@pytest.fixture
def builtin_doc():
    from asean_atlas.desktop.cli import build_document

    return build_document([], builtin=True, year=2024)


def test_legend_rows_follow_the_language(builtin_doc):
    from asean_atlas.desktop import layout

    english = [label.strip() for _l, label, _c, _d in layout.legend_rows(builtin_doc)]
    assert "Submarine cables" in english and "in service" in english and "Lifecycle" in english
    builtin_doc.language = "zh_TW"
    rows = [label.strip() for _l, label, _c, _d in layout.legend_rows(builtin_doc)]
    assert "海底電纜" in rows and "已啟用" in rows and "生命週期" in rows and "海纜登陸站" in rows
    assert not any(w in rows for w in ("Submarine cables", "in service", "Lifecycle"))
    builtin_doc.language = "zh_CN"
    rows = [label.strip() for _l, label, _c, _d in layout.legend_rows(builtin_doc)]
    assert "海底电缆" in rows and "已投入使用" in rows and "国家（东盟与中国）" in rows


def _svg_texts(path) -> str:
    """The SVG's text runs in drawing order, joined (Qt writes one run per font: "截至", "2024",
    "年")."""
    import html

    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", path.read_text(encoding="utf-8"), re.S)))


def test_export_lang_zh_tw_writes_traditional_title_legend_stamp(tmp_path):
    """``asean-atlas export --lang zh_TW``: the SVG's text (the PNG's layout, drawn by the same
    painter code) holds the traditional title, legend, date stamp, subtitle and scale bar."""
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    out = {}
    for lang in ("zh_TW", "en"):
        svg, png = tmp_path / f"{lang}.svg", tmp_path / f"{lang}.png"
        r = subprocess.run([sys.executable, "-m", "asean_atlas.desktop.app", "export", "--year", "2024", "--lang", lang,
                            "--size", "1200x800", "--svg", str(svg), "--png", str(png)],
                           capture_output=True, text=True, timeout=240, env=env)
        assert r.returncode == 0, r.stderr
        assert png.stat().st_size > 10_000
        out[lang] = _svg_texts(svg)
    tw, en = out["zh_TW"], out["en"]
    for text in ("東協數位地圖集", "截至2024年", "2024年", "圖例", "海底電纜", "海纜登陸站", "已啟用",
                 "公里", "來源（圖徵數）"):
        assert text in tw, text
    for text in ("ASEAN Digital Atlas", "As of 2024", "Legend", "Submarine cables", "Sources (number of features)"):
        assert text not in tw, text
        assert text in en, text
    assert " km" in en


def test_export_rejects_an_unknown_language(tmp_path):
    r = subprocess.run([sys.executable, "-m", "asean_atlas.desktop.app", "export", "--lang", "fr",
                        "--png", str(tmp_path / "x.png")], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "--lang" in r.stderr and "fr" in r.stderr


def test_window_legend_dock_in_the_interface_language(qtbot, qapp, builtin_doc):
    from asean_atlas.desktop.legend import LegendCanvas

    builtin_doc.language = "zh_CN"
    canvas = LegendCanvas(builtin_doc)
    qtbot.addWidget(canvas)
    labels = [label.strip() for label, _c, _d in canvas.rows()]
    assert "海底电缆" in labels and "Submarine cables" not in labels


def test_labels_use_the_traditional_names_in_zh_tw():
    from asean_atlas.layers.map_text import chinese_name_field

    cols = ["name", "name_zh", "name_zh_hant"]
    assert chinese_name_field(cols, "zh_TW") == "name_zh_hant"
    assert chinese_name_field(cols, "zh_CN") == "name_zh"
    assert chinese_name_field(["name", "name_zh"], "zh_TW") == "name_zh"  # a user's layer: what it has
    assert chinese_name_field(cols, "en") is None


def test_zh_tw_export_labels_and_attribution(tmp_path):
    """The PNG/SVG in 繁體: features labelled by name_zh_hant, the basemap's places by CLDR, and
    the CLDR credit in the attribution."""
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    svg = tmp_path / "tw.svg"
    r = subprocess.run([sys.executable, "-m", "asean_atlas.desktop.app", "export", "--year", "2024", "--lang", "zh_TW",
                        "--bbox", "100,5,120,25", "--size", "1400x1000", "--svg", str(svg)],
                       capture_output=True, text=True, timeout=240, env=env)
    assert r.returncode == 0, r.stderr
    text = _svg_texts(svg)
    assert "南寧國際通信業務出入口局" in text  # a Nanning facility, traditional
    assert "南宁国际通信业务出入口局" not in text
    assert "曼谷" in text and "中文地名：Unicode CLDR" in text


def test_png_export_in_zh_tw_draws_traditional_title_and_legend(tmp_path, monkeypatch, qapp):
    """Issue 13 item 7: the texts the PNG export draws (recorded at the painter) hold the
    traditional title, legend, stamp and scale bar, and none of their English."""
    from PySide6.QtGui import QPainter

    from asean_atlas.desktop import export as export_mod
    from asean_atlas.desktop.cli import build_document
    from asean_atlas.desktop.renderer import MapRenderer
    from asean_atlas.layers.export_options import ExportOptions

    drawn: list[str] = []

    class RecordingPainter(QPainter):
        def drawText(self, *args):  # noqa: N802 (Qt's name)
            drawn.extend(a for a in args if isinstance(a, str))
            return super().drawText(*args)

    monkeypatch.setattr(export_mod, "QPainter", RecordingPainter)
    doc = build_document([], builtin=True, year=2024)
    doc.language = "zh_TW"
    out = export_mod.export_png(doc, tmp_path / "tw.png", ExportOptions(width=1400, height=900), MapRenderer())
    assert out.stat().st_size > 10_000
    texts = set(drawn)
    for t in ("東協數位地圖集", "截至2024年", "2024年", "圖例", "海底電纜", "海纜登陸站", "已啟用", "國家（東協與中國）"):
        assert t in texts, t
    assert any(t.endswith(" 公里") for t in texts)
    assert not texts & {"ASEAN Digital Atlas", "Legend", "Submarine cables", "in service", "As of 2024"}


def test_chinese_pdf_text_extracts_as_written(tmp_path):
    """The PDF's Chinese text copies and searches as written: no Kangxi/CJK radicals in place of
    the ideographs (Noto CJK shares their glyphs; Qt wrote ⼈ for 人); its dates are the fixed
    ones after the rewrite too. (Not byte-identical between processes: Qt names the font subsets
    in the order of a QHash with a per-process seed.)"""
    pypdf = pytest.importorskip("pypdf")
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "SOURCE_DATE_EPOCH": "1764547200"}
    outs = []
    for k in range(1):
        pdf = tmp_path / f"cn{k}.pdf"
        r = subprocess.run([sys.executable, "-m", "asean_atlas.desktop.app", "export", "--year", "2024", "--lang", "zh_CN",
                            "--bbox", "104,18,112,26", "--size", "1200x900", "--pdf", str(pdf)],
                           capture_output=True, text=True, timeout=240, env=env)
        assert r.returncode == 0, r.stderr
        outs.append(pdf)
    text = pypdf.PdfReader(str(outs[0])).pages[0].extract_text()
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
    assert "人工智能" in text and "东盟数字地图集" in text
    info = pypdf.PdfReader(str(outs[0])).metadata
    assert str(info["/CreationDate"]).startswith("D:20251201000000")  # SOURCE_DATE_EPOCH


def test_export_project_uses_its_language_and_lang_overrides(tmp_path):
    import json

    project = tmp_path / "p.atlas.json"
    project.write_text(json.dumps({"format": "asean-atlas-project", "version": 1, "title": "ASEAN Digital Atlas",
                                   "language": "zh_TW", "layers": [{"source": "builtin:countries"}]}),
                       encoding="utf-8")
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    for extra, want in (([], "zh_TW"), (["--lang", "en"], "en")):
        svg = tmp_path / f"p{want}.svg"
        r = subprocess.run([sys.executable, "-m", "asean_atlas.desktop.app", "export", "--project", str(project),
                            "--size", "800x600", "--svg", str(svg), *extra], capture_output=True, text=True,
                           timeout=240, env=env)
        assert r.returncode == 0, r.stderr
        text = _svg_texts(svg)
        assert ("東協數位地圖集" in text) == (want == "zh_TW")


def test_user_class_values_are_data_even_when_they_look_like_map_words():
    assert class_label("{field} not given", "zh_TW") == "{field} not given"
    assert class_label("Legend", "zh_CN") == "Legend"
    assert class_label("non-member", "zh_TW") == "非成員國"


def test_font_warnings_are_bounded(monkeypatch):
    from asean_atlas.desktop import labels

    monkeypatch.setattr(labels, "missing_glyphs", lambda text: [c for c in text if 0xE000 <= ord(c) <= 0xF8FF])
    seen: set = set()
    texts = [chr(0xE000 + i) + " p" * 500 for i in range(600)]  # private use: no package to name
    out = labels.font_warnings(texts, seen)
    assert len(out) == 1 and len(out[0]) < 400  # once, the label text cut short
    assert labels.font_warnings(texts, seen) == []


def test_size_legend_rows_name_the_unit_in_each_language(builtin_doc):
    """The data centres' proportional symbols: "500 MW" and "capacity not given" in English (the
    raw field name "500 capacity_mw" showed before, session 31), "500 兆瓦" / "容量未提供" in
    Chinese; a field without a known unit keeps its name."""
    from asean_atlas.desktop import layout
    from asean_atlas.layers.map_text import size_label, size_missing_label

    def size_rows(lang):
        builtin_doc.language = lang
        return [label.strip() for _layer, label, colour, _d in layout.legend_rows(builtin_doc)
                if colour.startswith("size:")]

    en, cn, tw = size_rows("en"), size_rows("zh_CN"), size_rows("zh_TW")
    assert en and all(r.endswith(" MW") or r == "capacity not given" for r in en) and "capacity not given" in en
    assert not any("capacity_mw" in r for r in en)
    assert all(r.endswith(" 兆瓦") or r == "容量未提供" for r in cn) and len(cn) == len(en)
    assert all(r.endswith(" 百萬瓦") or r == "容量未提供" for r in tw)
    assert size_label("5", "racks", "en") == "5 racks" and size_missing_label("racks", "en") == "racks not given"


def test_a_mixed_layer_shows_its_marker_in_the_legend_too(qapp):
    """A layer of points and lines: the legend symbol is the line with the point marker on it
    (only a line showed, session 31)."""
    import geopandas as gpd
    import numpy as np
    import shapely
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from asean_atlas.desktop.layout import _draw_symbol
    from asean_atlas.layers.layer import Layer
    from asean_atlas.layers.style import Style

    def ink(geoms):
        layer = Layer(gpd.GeoDataFrame({"n": range(len(geoms))}, geometry=geoms, crs=4326), "t",
                      style=Style(color="#d62728", fill_color="#d62728", marker_size=10.0, stroke_width=1.5))
        img = QImage(60, 30, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QColor("white"))
        p = QPainter(img)
        _draw_symbol(p, layer, QColor("#d62728"), False, QRectF(5, 5, 50, 20), 1.0)
        p.end()
        arr = np.frombuffer(bytes(img.constBits()), dtype=np.uint8).reshape(30, img.bytesPerLine())[:, :240]
        rgb = arr.reshape(30, 60, 4)[:, :, :3].astype(int)  # BGRA
        red = (rgb[:, :, 2] > 180) & (rgb[:, :, 1] < 90) & (rgb[:, :, 0] < 90)
        return int(red[10:21, 24:37].sum())  # round the centre

    line = ink([shapely.LineString([(100, 1), (101, 2)])])
    mixed = ink([shapely.LineString([(100, 1), (101, 2)]), shapely.Point(100, 1)])
    assert mixed > 2 * line
