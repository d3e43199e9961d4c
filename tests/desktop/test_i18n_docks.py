"""The docks' interface in Chinese (issue 13 item 7): the Time dock, the layer panel, the
attributes (identify) panel, the search box, the measure panel, the legend and the map's glyph
warnings show no English word once a Chinese catalogue (``resources/i18n``) is installed. That
the catalogues hold every string of the code is tested in test_i18n.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QAbstractListModel

from i18n_walk import english_left, english_words

REPO = Path(__file__).resolve().parents[2]
FILES = ["time_dock.py", "panels.py", "search.py", "measure_tool.py", "legend.py", "canvas.py", "labels.py",
         "text.py"]
LANGS = {"zh_CN": 0, "zh_TW": 1}
#: Words that stay in Latin script in the Chinese texts but that i18n_walk.ALLOWED lacks: key-cap
#: names (as "Esc", "Ctrl" there), the WGS84 datum, Debian font package names.
TECHNICAL = {"Home", "End", "Enter", "WGS84", "fonts-noto-core", "fonts-noto-cjk"}


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(exe) if exe.exists() else f"pyside6-{name}"


def _layer(doc, source):
    return next(lyr for lyr in doc.layers if lyr.source == source)


def _data(doc) -> set[str]:
    """Layer titles, attribute names and the texts of attribute values: data, not interface."""
    out = set(TECHNICAL)
    for lyr in doc.layers:
        out.add(lyr.title)
        out.update(str(c) for c in lyr.frame.columns)
    return out


def test_docks_show_no_english(chinese, qtbot, monkeypatch):
    # i18n_walk reads every item view's header through model().columnCount(), which PySide6 refuses
    # for QListWidget's model (QAbstractListModel makes it private in C++): one column, as Qt has it
    monkeypatch.setattr(QAbstractListModel, "columnCount", lambda self, parent=None: 1)
    from asean_atlas.desktop.cli import build_document
    from asean_atlas.desktop.labels import glyph_warnings
    from asean_atlas.desktop.legend import LegendPanel
    from asean_atlas.desktop.measure_tool import MeasurePanel, MeasureTool
    from asean_atlas.desktop.panels import AttributePanel, LayerPanel, _feature_name
    from asean_atlas.desktop.search import SearchBox
    from asean_atlas.desktop.text import plain_tooltip
    from asean_atlas.desktop.time_dock import QtTimeController
    from asean_atlas.layers.cells import cell_text

    doc = build_document([])
    data = _data(doc)
    cables, stations = _layer(doc, "builtin:cables"), _layer(doc, "builtin:landing_stations")
    row = int(cables.frame.index[cables.frame["id"] == "southeast-asia-japan-cable-2-sjc2"][0])
    srow = int(stations.frame.index[stations.frame["id"] == "changi-south-singapore"][0])
    data |= {_feature_name(cables, row), _feature_name(stations, srow)}
    for lyr, r in ((cables, row), (stations, srow)):  # the values shown (a source URL's label has a tooltip)
        data |= {cell_text(v) for v in lyr.frame.drop(columns=lyr.frame.geometry.name).iloc[r]}
    # the markup of plain_tooltip() around file text (tooltips have no plain-text format)
    data |= set(plain_tooltip("\0").split("\0"))

    time_dock = QtTimeController(doc)
    time_dock.enabled_box.setChecked(True)  # "as of <year>" in the year label
    time_dock.play_button.click()  # the Pause text
    layers = LayerPanel(doc)
    attrs = AttributePanel(document=doc)
    attrs.show_results([(cables, row), (stations, srow)])  # a cable with its stations, the results list
    search = SearchBox(doc)
    assert search.wait_for_indexes()
    search.setText("SJC2")
    assert search.refresh()
    tool = MeasureTool()
    for lon, lat in ((103.8, 1.3), (114.2, 22.3)):
        tool.click(lon, lat)
    measure = MeasurePanel(tool)
    legend = LegendPanel(doc)
    widgets = (time_dock, layers, attrs, search, measure, legend)
    try:
        for w in widgets:
            qtbot.addWidget(w)
            w.show()
        assert time_dock.model.playing and attrs.results.isVisible() and attrs.links_label.isVisible()
        left = [item for w in widgets for item in english_left(w, data)]
        assert left == []
        # texts outside widgets' own properties: the list of results, the total, glyph warnings
        assert not english_words(attrs.links_label.text(), data)
        assert not english_words(measure.total.text(), data) and "–" not in measure.total.text()
        search.setText("zzzz no such place")
        assert search.refresh() == []
        (nothing,) = search.result_lines()
        assert not english_words(nothing, data | {"zzzz no such place"})
        odd = "\U000F0001"  # a private-use character no font draws
        (warning,) = glyph_warnings([SimpleNamespace(candidate=SimpleNamespace(text=odd))])
        assert not english_words(warning, data | {repr(odd)})
    finally:
        time_dock.model.pause()


def test_english_stays_as_it_was(qtbot):
    """Without a catalogue the texts are the English of the code (the older tests assert them)."""
    from asean_atlas.desktop.measure_tool import MeasurePanel, MeasureTool

    tool = MeasureTool()
    panel = MeasurePanel(tool)
    qtbot.addWidget(panel)
    assert panel.total.text() == "Total: –"
    tool.click(103.8, 1.3)
    tool.click(104.8, 1.3)
    assert re.fullmatch(r"Total: [\d,.]+ km \([\d,.]+ nmi\)", panel.total.text())


