"""The Connectivity panel (issue 14 items 2–4): the same numbers as the command line, what-if
cuts drawn on the map and saved in projects, the time slider followed, a drawn area, the reach of
a facility, and its texts in Chinese."""

import json

import pandas as pd
import pytest
from PySide6.QtCore import QAbstractListModel, QSettings

from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.connectivity import CableNetwork, Cut, area_presets
from asean_atlas.layers.project import load_project, save_project

from i18n_walk import english_left


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings().clear()
    win = MainWindow(build_document([], year=2026))
    win.interactive = False
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.open_connectivity()
    return win


def _table(dock) -> dict[str, list[str]]:
    out = {}
    for r in range(dock.table.rowCount()):
        code = dock.table.item(r, 0).data(0x0100)
        out[code] = [dock.table.item(r, c).text() for c in range(dock.table.columnCount())]
    return out


def _layer(doc, source):
    return next(lyr for lyr in doc.layers if lyr.source == source)


def test_panel_and_command_line_agree(window, tmp_path, capsys):
    dock = window.connectivity
    csv = tmp_path / "conn.csv"
    assert main(["analyze", "connectivity", "--as-of", "2026", "--csv", str(csv)]) == 0
    cli = pd.read_csv(csv, keep_default_na=False, na_values=[""]).set_index("country")
    shown = _table(dock)
    assert len(shown) == int((cli.international_cables > 0).sum())
    for code in ("SGP", "CHN", "HKG", "VNM", "PHL", "IDN"):
        row = shown[code]
        assert int(row[1]) == cli.at[code, "international_cables"]
        assert int(row[3]) == cli.at[code, "landing_stations"] and int(row[4]) == cli.at[code, "countries_reached"]
        assert row[5].startswith(str(cli.at[code, "chinese_carrier_cables"]))
    # a cut: the panel's summary is the command line's line
    dock.set_state({"area": {"preset": "luzon-strait"}})
    capsys.readouterr()
    assert main(["analyze", "cut", "--area", "luzon-strait", "--as-of", "2026"]) == 0
    line = capsys.readouterr().out.splitlines()[0]  # "12 cables cut; 2 stations left without a working cable"
    n_cut, n_left = int(line.split()[0]), int(line.split("; ")[1].split()[0])
    assert dock.summary.text().startswith(f"{n_cut} cables cut; {n_left} stations left without a working cable")
    assert (len(dock.scenario.cut_cables), len(dock.scenario.isolated_stations)) == (n_cut, n_left) == (12, 2)


def test_a_cut_is_drawn_and_cleared(window, qtbot):
    dock, doc = window.connectivity, window.document
    dock.set_state({"area": {"preset": "strait-of-malacca"}})
    sources = [lyr.source for lyr in doc.layers if lyr.source.startswith("analysis:")]
    assert sources == ["analysis:loss", "analysis:cut_cables", "analysis:area", "analysis:isolated"]
    # the shaded countries lie over the built-in countries layer, under every cable and station
    order = [lyr.source for lyr in doc.layers]
    assert order.index("analysis:loss") == order.index("builtin:countries") + 1
    cut = _layer(doc, "analysis:cut_cables")
    assert set(cut.frame["id"]) == set(dock.scenario.cut_cables) and "asia-africa-europe-1-aae-1" in set(cut.frame["id"])
    assert not dock.table.isColumnHidden(7) and "lost" in _table(dock)["MYS"][7]
    window.canvas.repaint()
    dock.clear_cut()
    assert not [lyr for lyr in doc.layers if lyr.source.startswith("analysis:")]
    assert dock.table.isColumnHidden(7) and doc.analysis is None


def test_cut_the_selected_cable_and_station(window):
    dock, doc = window.connectivity, window.document
    cables = _layer(doc, "builtin:cables")
    row = int((cables.frame["id"] == "southeast-asia-japan-cable-2-sjc2").to_numpy().nonzero()[0][0])
    window.canvas.highlight(cables, row)
    assert dock.cut_selected() == ["southeast-asia-japan-cable-2-sjc2"]
    stations = _layer(doc, "builtin:landing_stations")
    srow = int((stations.frame["id"] == "tong-fuk-china").to_numpy().nonzero()[0][0])
    window.canvas.highlight(stations, srow)
    assert dock.cut_selected() == ["tong-fuk-china"]
    assert doc.analysis["cables"] == ["southeast-asia-japan-cable-2-sjc2"] and doc.analysis["stations"] == ["tong-fuk-china"]
    items = [dock.cut_list.item(i).text() for i in range(dock.cut_list.count())]
    assert items[0].startswith("Cable: ") and "SJC2" in items[0] and items[1] == "Landing station: Tong Fuk"
    # nothing selected that can be cut: said, nothing changes
    hubs = _layer(doc, "builtin:compute_hubs")
    window.canvas.highlight(hubs, 0)
    assert dock.cut_selected() == [] and "Select a cable" in dock.summary.text()


def test_the_panel_follows_the_time_slider(window, qtbot):
    dock, doc = window.connectivity, window.document
    doc.set_year(2010)
    dock.refresh()
    net, _ = CableNetwork.from_layers(doc.layers)
    want = net.scenario(CableNetwork.active_ids(_layer(doc, "builtin:cables"), 2010)).country_table().set_index("country")
    assert int(_table(dock)["SGP"][1]) == want.at["SGP", "international_cables"] < 28
    assert dock.as_of.text() == "As of 2010"
    ax = dock.chart.figure.axes[0]
    assert ax.lines[-1].get_xdata()[0] == 2010  # the slider's year, marked on the chart
    years, data = dock.chart_data
    assert data["SGP"][years.index(2010)] == want.at["SGP", "international_cables"]


def test_scenario_saved_in_the_project(window, tmp_path):
    dock, doc = window.connectivity, window.document
    dock.set_state({"area": {"preset": "bab-el-mandeb"}, "pairs": [["CHN", "SGP"], ["VNM", "HKG"]], "since": 2015})
    assert dock.pair_table.rowCount() == 2 and dock.pair_table.item(0, 1).text() == "yes"
    path = tmp_path / "p.atlas.json"
    save_project(doc, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["analysis"] == {"cables": [], "stations": [], "area": {"preset": "bab-el-mandeb"},
                                "pairs": [["CHN", "SGP"], ["VNM", "HKG"]], "since": 2015}
    assert not [e for e in data["layers"] if e["source"].startswith("analysis:")]
    loaded = load_project(path)
    assert loaded.document.analysis == data["analysis"] and loaded.errors == []
    # a hostile scenario: said, the rest of the project opens
    data["analysis"] = {"cables": "not a list", "area": {"polygon": [[1, 2]]}}
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_project(path)
    assert loaded.document.analysis is None and loaded.errors == []
    assert loaded.analysis_error.startswith("what-if scenario not applied (cables: expected a list of ids")
    assert len(loaded.document.layers) >= 8
    # values that once got past the checks (a list as the preset, a 400-digit coordinate)
    for bad in ({"area": {"preset": ["luzon-strait"]}}, {"area": {"polygon": [[10 ** 400, 18], [121, 19], [122, 20]]}},
                {"area": {"file": 5}}, {"since": 10 ** 30}):
        data["analysis"] = bad
        path.write_text(json.dumps(data), encoding="utf-8")
        loaded = load_project(path)
        assert loaded.document.analysis is None and loaded.analysis_error, bad
    # the command line draws the project all the same, and says why the scenario is not applied
    assert main(["export", "--project", str(path), "--png", str(tmp_path / "x.png"), "--size", "400x300"]) == 0


def test_project_opened_in_the_window_draws_its_scenario(window, tmp_path, qtbot):
    dock, doc = window.connectivity, window.document
    dock.set_state({"cables": ["seamewe-3"], "pairs": [["CHN", "SGP"]]})
    path = tmp_path / "q.atlas.json"
    assert window.save_project(path) is not None
    dock.clear_cut()
    window.open_project(str(path))
    qtbot.waitUntil(lambda: doc.analysis is not None, timeout=5000)
    dock.refresh()
    assert dock.scenario.cut_cables == ["seamewe-3"]
    assert [lyr.source for lyr in doc.layers if lyr.source == "analysis:cut_cables"]


def test_draw_an_area_on_the_map(window):
    dock, doc = window.connectivity, window.document
    dock.start_drawing()
    tool = window.canvas.measure
    assert tool is dock.drawing
    for lon, lat in ((43.0, 13.0), (43.7, 12.9), (43.6, 12.3), (43.2, 12.2)):
        tool.click(lon, lat)
    tool.finish()
    assert window.canvas.measure is None
    area = doc.analysis["area"]
    assert area["name"] == "drawn area" and len(area["polygon"]) == 4
    # the same cables as the Bab-el-Mandeb preset, which covers the same water
    preset = CableNetwork.from_layers(doc.layers)[0].scenario(
        CableNetwork.active_ids(_layer(doc, "builtin:cables"), 2026),
        Cut(area=area_presets().set_index("id").at["bab-el-mandeb", "geometry"]))
    assert set(dock.scenario.cut_cables) == set(preset.cut_cables) and len(preset.cut_cables) >= 5


def test_an_area_from_a_file_and_a_broken_one(window, tmp_path):
    dock, doc = window.connectivity, window.document
    good = tmp_path / "sea.geojson"
    good.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                    "geometry": {"type": "Polygon", "coordinates": [[[119, 19], [123, 19], [123, 22], [119, 22], [119, 19]]]}}]}))
    assert dock.cut_area_from_file(str(good)) and doc.analysis["area"]["name"] == "sea.geojson"
    assert dock.scenario.cut_cables
    bad = tmp_path / "bad.geojson"
    bad.write_text("{oops")
    assert not dock.cut_area_from_file(str(bad))
    assert str(bad) in dock.summary.text() and doc.analysis["area"]["name"] == "sea.geojson"  # nothing lost


def test_window_and_command_line_cut_the_same_file(window, tmp_path, capsys):
    """A multipolygon with a hole and more than 10,000 vertices: the panel cuts with the file as
    the command line does (it once kept the largest ring only, and refused big rings)."""
    import shapely

    dock = window.connectivity
    ring = [(119.0 + 4.0 * i / 12000, 19.0) for i in range(12000)] + [(123, 22), (119, 22)]
    luzon = shapely.Polygon(ring, holes=[[(120, 20), (121, 20), (121, 21), (120, 21)]])
    singapore = shapely.box(103.5, 1.0, 104.5, 1.4)
    path = tmp_path / "two.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                    "geometry": shapely.geometry.mapping(shapely.MultiPolygon([luzon, singapore]))}]}))
    assert dock.cut_area_from_file(str(path))
    assert doc_area(window) == {"file": str(path.resolve()), "name": "two.geojson"}
    assert main(["analyze", "cut", "--area", str(path), "--as-of", "2026"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    n_cut, n_left = int(line.split()[0]), int(line.split("; ")[1].split()[0])
    assert (len(dock.scenario.cut_cables), len(dock.scenario.isolated_stations)) == (n_cut, n_left)
    assert n_cut > 12  # both straits


def doc_area(window):
    return window.document.analysis["area"]


def test_esc_cancels_drawing_and_a_flat_area_is_refused(window, qtbot):
    from PySide6.QtCore import Qt

    dock = window.connectivity
    dock.set_state({"area": {"preset": "luzon-strait"}})
    dock.start_drawing()
    tool = window.canvas.measure
    tool.click(100, 5)
    tool.click(101, 6)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert window.canvas.measure is None and dock.drawing is None
    assert doc_area(window) == {"preset": "luzon-strait"}  # unchanged
    dock.start_drawing()
    tool = window.canvas.measure
    for lon, lat in ((100, 5), (101, 6), (102, 7)):  # on one line: no area
        tool.click(lon, lat)
    tool.finish()
    assert doc_area(window) == {"preset": "luzon-strait"} and "enclose" in dock.summary.text()


def test_nothing_to_show_clears_the_panel(window, tmp_path):
    dock, doc = window.connectivity, window.document
    dock.set_state({"area": {"preset": "luzon-strait"}, "pairs": [["CHN", "SGP"]]})
    assert dock.pair_table.rowCount() == 1
    doc.remove_layer(_layer(doc, "builtin:cables"))
    dock.refresh()
    assert dock.scenario is None and dock.table.rowCount() == 0 and dock.pair_table.rowCount() == 0
    assert "No cable layer" in dock.summary.text()
    from asean_atlas.layers.connectivity import AnalysisError

    with pytest.raises(AnalysisError, match="nothing to export"):
        dock.export_csv(str(tmp_path / "x.csv"))
    assert not (tmp_path / "x.csv").exists()


def test_the_chart_stops_ten_years_ahead(window):
    import datetime

    dock, doc = window.connectivity, window.document
    doc.set_year(9999)
    dock.refresh()
    years, _ = dock.chart_data
    assert years[-1] == datetime.date.today().year + 10


def test_reach_from_the_nanning_computing_centre(window):
    dock, doc = window.connectivity, window.document
    hubs = _layer(doc, "builtin:compute_hubs")
    row = int((hubs.frame["id"] == "cn-asean-ai-computing-center").to_numpy().nonzero()[0][0])
    window.canvas.highlight(hubs, row)
    text = dock.reach_selected()
    assert text.splitlines()[1].startswith("  Taipa (MAC) — ")
    assert "China–Vietnam Dongxing cable system" in text
    assert len(dock.last_reach.countries) > 20


def test_csv_and_report_export(window, tmp_path):
    dock = window.connectivity
    dock.set_state({"area": {"preset": "taiwan-strait"}})
    png, csv = dock.export_report(str(tmp_path / "report.png"), size=(1000, 700))
    t = pd.read_csv(csv, keep_default_na=False, na_values=[""]).set_index("country")
    assert t.at["TWN", "international_cables_after"] < t.at["TWN", "international_cables"]
    from PySide6.QtGui import QImage

    assert QImage(png).width() == 1000


def test_the_panel_in_chinese(chinese, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QAbstractListModel, "columnCount", lambda self, parent=None: 1)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from asean_atlas.desktop.connectivity_dock import ConnectivityDock

    doc = build_document([], year=2026)
    doc.language = chinese
    win = MainWindow(doc)
    win.interactive = False
    qtbot.addWidget(win)
    win.show()
    win.open_connectivity()
    dock = win.connectivity
    assert isinstance(dock, ConnectivityDock)
    dock.set_state({"area": {"preset": "luzon-strait"}, "pairs": [["CHN", "SGP"]]})
    data = {lyr.title for lyr in doc.layers} | {dock.table.item(r, 0).text() for r in range(dock.table.rowCount())}
    data |= {dock.pair_table.item(0, 3).text(), "HMN Tech", "CSV", "PNG"}
    assert english_left(dock, data) == []
    assert dock.area_box.currentText() == ("吕宋海峡" if chinese == "zh_CN" else "呂宋海峽")
    assert dock.summary.text().startswith("12 ")


def test_reach_is_drawn_on_the_map_and_cleared(window):
    dock, doc = window.connectivity, window.document
    factories = _layer(doc, "builtin:factories")
    window.canvas.highlight(factories, 0)
    dock.reach_selected()
    reach = _layer(doc, "analysis:reach")
    assert len(reach.frame) == 3 and list(reach.frame["km"]) == sorted(reach.frame["km"])
    assert list(reach.frame["station"]) == [s["name"] for s in dock.last_reach.stations]
    cables = _layer(doc, "analysis:reach_cables")
    assert set(cables.frame["id"]) == set(dock.last_reach.cables)
    # drawn above the built-in cables
    order = [lyr.source for lyr in doc.layers]
    assert order.index("analysis:reach_cables") > order.index("builtin:cables")
    # a cut keeps the reach, recomputed
    dock.set_state({"area": {"preset": "singapore-strait"}})
    assert [lyr.source for lyr in doc.layers if lyr.source.startswith("analysis:reach")]
    dock.clear_reach()
    assert not [lyr for lyr in doc.layers if lyr.source.startswith("analysis:reach")]
    assert [lyr for lyr in doc.layers if lyr.source == "analysis:cut_cables"]


def test_after_the_cut_says_the_countries_still_reached(window):
    dock = window.connectivity
    dock.set_state({"area": {"preset": "luzon-strait"}})
    jpn = _table(dock)["JPN"][7]
    assert jpn.startswith("9 (−2, 18% lost); reaches 5 countries"), jpn
