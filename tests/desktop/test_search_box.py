"""The search box in the window (issue 11 item 2): completion as you type, Enter zooms to and
selects the feature, the attribute panel shows it."""

import pytest
from PySide6.QtCore import Qt

from asean_atlas.desktop.cli import build_document
from asean_atlas.desktop.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.resize(1100, 750)
    win.show()
    qtbot.waitExposed(win)
    assert win.search_box.wait_for_indexes()
    return win


def test_ctrl_f_focuses_the_box(window, qtbot):
    window.canvas.setFocus()
    window.search_action.trigger()
    assert window.search_box.hasFocus()
    assert window.search_action.shortcut().toString() == "Ctrl+F"


def test_typing_lists_results_and_enter_goes_to_the_first(window, qtbot):
    box = window.search_box
    box.focus_search()
    qtbot.keyClicks(box, "SJC2")
    lines = box.result_lines()
    assert lines and lines[0].startswith("Southeast Asia-Japan Cable 2 (SJC2) — ")
    assert box.completer_.popup().isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    layer, row = window.canvas.selection
    assert layer.source == "builtin:cables" and layer.frame["id"].iloc[row] == "southeast-asia-japan-cable-2-sjc2"
    assert window.attribute_panel.rows()["id"] == "southeast-asia-japan-cable-2-sjc2"
    # the view now holds the whole cable
    w, s, e, n = window.canvas.viewport.bbox()
    bw, bs, be, bn = layer.frame.geometry.values[row].bounds
    assert w <= bw + 0.5 and e >= be - 0.5 and s <= bs + 0.5 and n >= bn - 0.5


def test_pinyin_and_chinese_find_the_nanning_hub(window, qtbot):
    box = window.search_box
    for query in ("nanning", "南宁"):
        box.clear()
        box.focus_search()
        if query.isascii():
            qtbot.keyClicks(box, query)
        else:  # QTest types ASCII only (it aborts on other text): what an input method commits
            box.insert(query)
            box.textEdited.emit(box.text())
        assert any("Compute hubs" in line for line in box.result_lines()), query
    hits = box.refresh("nan ning guo ji")
    assert hits[0].layer.source == "builtin:compute_hubs"
    assert "name_zh (pinyin): 南宁国际" in box.result_lines()[0]


def test_clicking_a_result_zooms_to_a_point(window, qtbot):
    box = window.search_box
    box.focus_search()
    qtbot.keyClicks(box, "Chonburi")
    i = next(k for k, line in enumerate(box.result_lines()) if "Factories" in line)
    popup = box.completer_.popup()
    index = popup.model().index(i, 0)
    popup.setCurrentIndex(index)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    layer, row = window.canvas.selection
    assert layer.source == "builtin:factories"
    pt = layer.frame.geometry.values[row]
    w, s, e, n = window.canvas.viewport.bbox()
    assert w < pt.x < e and s < pt.y < n
    assert e - w < 10  # zoomed in on the point, not the whole region
    assert abs((w + e) / 2 - pt.x) < 0.5 and abs((s + n) / 2 - pt.y) < 0.5


def test_no_match_says_so_and_enter_does_nothing(window, qtbot):
    box = window.search_box
    box.focus_search()
    qtbot.keyClicks(box, "zzzz no such place")
    assert box.result_lines() == ["No feature matches “zzzz no such place”"]
    before = window.canvas.viewport.bbox()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.canvas.selection is None and window.canvas.viewport.bbox() == before


def test_hidden_layer_result_is_shown(window, qtbot):
    hubs = next(lyr for lyr in window.document.layers if lyr.source == "builtin:compute_hubs")
    hubs.set_visible(False)
    window.search_box.refresh("nanning")
    window.search_box.choose_first()
    assert hubs.visible and window.canvas.selection[0] is hubs


def test_added_layer_is_indexed(window, qtbot, tmp_path):
    p = tmp_path / "sites.geojson"
    p.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Kepler test site","operator":"Acme"},'
                 '"geometry":{"type":"Point","coordinates":[103.8,1.3]}}]}', encoding="utf-8")
    window.open_files([str(p)])
    assert window.search_box.wait_for_indexes()
    hits = window.search_box.refresh("acme")
    assert [h.name for h in hits] == ["Kepler test site"] and hits[0].field == "operator"
