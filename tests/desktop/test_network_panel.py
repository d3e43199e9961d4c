"""Cable <-> landing-station links in the window (issue 10, item 3): a cable lists and highlights
its landing stations, a station its cables, and each entry is a link to that feature."""

import pytest

from asean_atlas.desktop.cli import build_document
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.network import linked_features


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def _layer(doc, source):
    return next(lyr for lyr in doc.layers if lyr.source == source)


def test_linked_features_both_ways():
    doc = build_document([])
    cables, stations = _layer(doc, "builtin:cables"), _layer(doc, "builtin:landing_stations")
    row = cables.frame.index[cables.frame["id"] == "southeast-asia-japan-cable-2-sjc2"][0]
    linked = linked_features(doc.layers, cables, row)
    ids = [stations.frame["id"].iloc[r] for lyr, r in linked]
    assert ids == cables.frame["landing_station_ids"].iloc[row].split(";")
    assert all(lyr is stations for lyr, _ in linked)
    station_row = int(stations.frame.index[stations.frame["id"] == "changi-south-singapore"][0])
    back = [cables.frame["id"].iloc[r] for _, r in linked_features(doc.layers, stations, station_row)]
    assert "southeast-asia-japan-cable-2-sjc2" in back
    assert back == stations.frame["cable_ids"].iloc[station_row].split(";")


def test_panel_lists_and_follows_links(window):
    doc = window.document
    cables, stations = _layer(doc, "builtin:cables"), _layer(doc, "builtin:landing_stations")
    row = int(cables.frame.index[cables.frame["id"] == "southeast-asia-japan-cable-2-sjc2"][0])
    panel = window.attribute_panel
    panel.show_feature(cables, row)
    rows = panel.linked_rows()
    n = len(cables.frame["landing_station_ids"].iloc[row].split(";"))
    assert len(rows) == n and "Landing stations" in panel.links_label.text()
    assert any(r.startswith("Changi South") and "(SGP)" in r for r in rows)
    assert "Chung Hom Kok 舂坎角 (HKG)" in rows  # the Chinese name beside the English one
    assert len(window.canvas.related) == n and all(lyr is stations for lyr, _ in window.canvas.related)
    # follow the link to Changi South: the panel shows the station and its cables, the map highlights it
    i = next(k for k, r in enumerate(rows) if r.startswith("Changi South"))
    panel.links.itemClicked.emit(panel.links.item(i))
    assert panel.rows()["id"] == "changi-south-singapore"
    assert window.canvas.selection[0] is stations
    assert "Cables landing here" in panel.links_label.text()
    sjc2 = next(r for r in panel.linked_rows() if r.startswith("Southeast Asia-Japan Cable 2 (SJC2)"))
    # the cable's RFS year, length, suppliers and first owners (issue 10 item 3)
    f = cables.frame.set_index("id").loc["southeast-asia-japan-cable-2-sjc2"]
    assert f"RFS {int(f['rfs_year'])}" in sjc2 and f"{f['length_km']:,.0f} km" in sjc2
    assert "suppliers: NEC" in sjc2 and "owners: " + ", ".join(f["owners"].split("; ")[:3]) in sjc2
    item = panel.links.item(panel.linked_rows().index(sjc2))
    assert f["owners"].split("; ")[-1] in item.toolTip()  # every owner in the tooltip
    assert all(lyr is cables for lyr, _ in window.canvas.related)


def test_features_without_links_show_no_list(window):
    hubs = _layer(window.document, "builtin:compute_hubs")
    window.attribute_panel.show_feature(hubs, 0)
    assert window.attribute_panel.linked_rows() == [] and not window.attribute_panel.links.isVisibleTo(window)
    assert window.canvas.related == []


def test_following_a_link_pans_to_a_station_out_of_view(window):
    """A linked station outside the view is brought to the map's centre at the same scale (the
    panel says "click one to show it"); one already in view leaves the map where it is."""
    from asean_atlas.layers.projection import lonlat_to_display

    doc = window.document
    cables, stations = _layer(doc, "builtin:cables"), _layer(doc, "builtin:landing_stations")
    row = int(cables.frame.index[cables.frame["id"] == "southeast-asia-japan-cable-2-sjc2"][0])
    canvas, panel = window.canvas, window.attribute_panel
    canvas.zoom_to_bbox((103.0, 0.5, 105.0, 2.0), pad=0.0)  # Singapore only
    res = canvas.viewport.resolution
    panel.show_feature(cables, row)
    rows = panel.linked_rows()
    changi = next(k for k, r in enumerate(rows) if r.startswith("Changi South"))
    before = (canvas.viewport.cx, canvas.viewport.cy)
    panel.links.itemClicked.emit(panel.links.item(changi))
    assert (canvas.viewport.cx, canvas.viewport.cy) == before  # in view: the map stays
    panel.show_feature(cables, row)
    hk = next(k for k, r in enumerate(panel.linked_rows()) if r.startswith("Chung Hom Kok"))
    panel.links.itemClicked.emit(panel.links.item(hk))
    srow = window.canvas.selection[1]
    g = stations.geometry_at(srow)
    x, y = lonlat_to_display([g.x], [g.y])
    assert canvas.viewport.cx == pytest.approx(float(x[0])) and canvas.viewport.cy == pytest.approx(float(y[0]))
    assert canvas.viewport.resolution == pytest.approx(res)  # same scale


def test_a_link_to_another_result_of_the_click_moves_the_results_list(window):
    """A click on a landing station found it and its cables; following the link to one of those
    cables shows the cable and the results list says "2 of 3: <cable>", not the station (the
    new-user pass of session 31 found "1 of 4: Quy Nhon" over the cable's attributes)."""
    doc = window.document
    cables, stations = _layer(doc, "builtin:cables"), _layer(doc, "builtin:landing_stations")
    srow = int(stations.frame.index[stations.frame["id"] == "changi-south-singapore"][0])
    crow = int(cables.frame.index[cables.frame["id"] == "southeast-asia-japan-cable-2-sjc2"][0])
    other = int(cables.frame.index[cables.frame["id"] != "southeast-asia-japan-cable-2-sjc2"][0])
    panel = window.attribute_panel
    panel.show_results([(stations, srow), (cables, crow), (cables, other)])
    assert panel.results.currentIndex() == 0 and panel.results.isVisibleTo(panel)
    sjc2 = next(i for i, r in enumerate(panel.linked_rows()) if r.startswith("Southeast Asia-Japan Cable 2 (SJC2)"))
    panel.links.itemClicked.emit(panel.links.item(sjc2))
    assert panel.rows()["id"] == "southeast-asia-japan-cable-2-sjc2"
    assert panel.results.currentIndex() == 1 and panel.results.currentText().startswith("2 of 3: Southeast Asia-Japan Cable 2")
    # a feature that is not among the results hides the list
    panel.show_feature(stations, int(stations.frame.index[stations.frame["id"] != "changi-south-singapore"][0]))
    assert not panel.results.isVisibleTo(panel)
