"""The attribute table and the styling dock in Chinese (issue 13): with a zh_CN or zh_TW catalogue
installed (``resources/i18n``), no interface text of either widget is left in English. That the
catalogues hold every string of the code is tested in test_i18n.py.
"""

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt

from asean_atlas.desktop.attribute_table import AttributeTable
from asean_atlas.desktop.style_dock import StyleDock
from asean_atlas.layers.classify import QUALITATIVE, SEQUENTIAL
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.style import Style

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from i18n_walk import english_left  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = [ROOT / "desktop" / "attribute_table.py", ROOT / "desktop" / "style_dock.py"]
LANGS = {"zh_CN": 0, "zh_TW": 1}


def _tool(name: str) -> Path:
    tool = Path(sys.executable).with_name(name)
    if not tool.exists():
        pytest.skip(f"{name} not installed")
    return tool


def _data_texts(*layers) -> set[str]:
    """Layer titles, attribute names and values, palette names (ColorBrewer's proper names)."""
    data = set(QUALITATIVE) | set(SEQUENTIAL)
    for lyr in layers:
        data.add(lyr.title)
        for c in lyr.frame.columns:
            data.add(str(c))
            if c != lyr.frame.geometry.name:
                data.update(str(v) for v in lyr.frame[c].unique())
    return data


def _document():
    n = 2500  # more than the map highlights: the status line says so
    lon = np.linspace(95.0, 120.0, n)
    gdf = gpd.GeoDataFrame(
        {"kind": np.array(["alpha", "beta", "gamma"])[np.arange(n) % 3],
         "mw": np.arange(n, dtype=float),
         "blob": [b"\x00\x01" * 3] * n,
         "notes": ["word " * 500] * n},
        geometry=shapely.points(lon, np.full(n, 5.0)), crs=4326)
    doc = MapDocument()
    sites = doc.add_layer(Layer(gdf, "sites", style=Style(color="#444444", marker_size=16)))
    text = gpd.GeoDataFrame({"label_text": ["xray", "yankee"]}, geometry=shapely.points([100, 101], [5, 5]), crs=4326)
    words = doc.add_layer(Layer(text, "text only"))
    return doc, sites, words


def test_attribute_table_in_chinese(chinese, qtbot):
    doc, sites, words = _document()
    table = AttributeTable(doc)
    qtbot.addWidget(table)
    table.resize(1000, 600)
    table.show()
    table.show_layer(sites)
    data = _data_texts(sites, words) | {"status == 'in service' and rfs_year >= 2020"}
    left = []
    left += english_left(table, data)
    # a layer filter and a selection: the status line
    table.expression.setText("mw >= 2")
    assert table.apply_expression()
    table.select_rows(np.arange(10, 2400))  # > the 2,000 highlighted
    assert len(table.selected_rows()) == 2390
    left += english_left(table, data | {"mw >= 2"})
    table.select_rows([5])
    left += english_left(table, data | {"mw >= 2"})
    # the messages
    table.select_rows([])
    table.export_dialog(selection=True)  # nothing selected: says so, no dialog
    assert table.error.isVisibleTo(table)
    left += english_left(table, data | {"mw >= 2"})
    table.MAX_COPY = 3
    table.copy_rows()
    left += english_left(table, data | {"mw >= 2"})
    assert not left, left
    tr = {"zh_CN": ("个", "字节", "字符", "未应用筛选"), "zh_TW": ("個", "位元組", "字元", "未套用篩選")}[chinese]
    assert tr[0] in table.status.text()
    # cells: a BLOB's size and a long value's tooltip
    blob = table.model.index(0, table.model.columns.index("blob"))
    notes = table.model.index(0, table.model.columns.index("notes"))
    assert tr[1] in table.model.data(blob, Qt.ItemDataRole.DisplayRole)
    assert tr[2] in table.model.data(notes, Qt.ItemDataRole.ToolTipRole)
    # the filter builder's operators are translated but still build the expression
    table.clear_filter()
    table.field_box.setCurrentText("kind")
    table.op_box.setCurrentIndex(table.op_box.findData("contains"))
    assert table.op_box.currentText() != "contains"
    table.value_edit.setText("alp")
    table.add_condition()
    assert sites.filter is not None and table.model.rowCount() == 834
    table.expression.setText("nope ===")
    assert not table.apply_expression() and table.error.text().startswith(tr[3])


def test_style_dock_in_chinese(chinese, qtbot):
    doc, sites, words = _document()
    dock = StyleDock(doc)
    qtbot.addWidget(dock)
    dock.resize(400, 900)
    dock.show()
    dock.show_layer(sites)
    data = _data_texts(sites, words)
    left = []
    left += english_left(dock, data)
    # categorized, then graduated: the class table and the method box
    dock.renderer.setCurrentIndex(dock.renderer.findData("Categorized"))
    assert sites.style.categorized_field and dock.class_table.rowCount() >= 1
    left += english_left(dock, data | set(sites.style.categories))
    dock.renderer.setCurrentIndex(dock.renderer.findData("Graduated"))
    dock.field_box.setCurrentText("mw")
    dock.method_box.setCurrentIndex(dock.method_box.findData("equal interval"))
    dock.classes.setValue(3)
    assert dock.classify() and len(sites.style.graduated_edges) == 4
    left += english_left(dock, data | set(sites.style.categories))
    # the translated combo boxes still set the style
    dock.shape_box.setCurrentIndex(dock.shape_box.findData("diamond"))
    dock.size_field.setCurrentText("mw")
    dock.label_field.setCurrentText("kind")
    assert sites.style.marker_shape == "diamond" and sites.style.size_field == "mw" and sites.style.label_field == "kind"
    dock.size_field.setCurrentIndex(0)  # (none)
    assert sites.style.size_field is None
    # an error of the dock's own
    dock.show_layer(words)
    before = words.style
    dock.renderer.setCurrentIndex(dock.renderer.findData("Graduated"))
    assert dock.error.isVisibleTo(dock) and words.style == before
    left += english_left(dock, data)
    assert not left, left


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"\{[a-z_]+\}", text)
