"""The window on the built-in layers: what a user sees right after launch."""

import numpy as np
import pytest

from asean_atlas.desktop.cli import build_document
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.projection import lonlat_to_display


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _layer(doc, source):
    return next(lyr for lyr in doc.layers if lyr.source == source)


def test_builtin_layers_open_with_the_window(window):
    titles = [lyr.title for lyr in window.document.layers]
    assert "Submarine cables" in titles and "Cable landing stations" in titles
    cables = _layer(window.document, "builtin:cables")
    assert cables.feature_count >= 20
    assert window.layer_panel.list.count() == len(window.document.layers)
    # every built-in feature carries a source
    for lyr in window.document.layers:
        assert lyr.frame["source"].astype(str).str.len().gt(0).all(), lyr.title


def test_slider_at_2005_hides_a_cable_of_2017(window):
    cables = _layer(window.document, "builtin:cables")
    row = int(np.flatnonzero(cables.frame["id"] == "asia-africa-europe-1-aae-1")[0])
    assert int(cables.frame["rfs_year"].iloc[row]) == 2017
    window.time_slider.enabled_box.setChecked(True)
    window.time_slider.slider.setValue(2005)
    assert window.document.year == 2005
    assert not cables.time_mask(window.document.year)[row]
    window.time_slider.slider.setValue(2017)
    assert cables.time_mask(window.document.year)[row]


def test_identify_nanning_compute_hub(window):
    hubs = _layer(window.document, "builtin:compute_hubs")
    for other in window.document.layers:
        other.set_visible(other is hubs)
    window.canvas.zoom_to_bbox((105, 20, 112, 25))
    geom = hubs.frame.geometry.iloc[0]
    x, y = lonlat_to_display(np.array([geom.x]), np.array([geom.y]))
    px, py = window.canvas.viewport.to_pixels(x[0], y[0])
    layer, row = window.canvas.identify(float(px), float(py))
    assert layer is hubs
    assert "Nanning" in str(hubs.frame["place"].iloc[row]) or "Nanning" in str(hubs.frame["name"].iloc[row])


def test_click_on_a_shared_town_point_lists_every_facility(window, qtbot):
    """Several factories sit on the Chon Buri town point: a click lists them all (issue 2 identify)."""
    from PySide6.QtCore import QPoint, Qt

    factories = _layer(window.document, "builtin:factories")
    for other in window.document.layers:
        other.set_visible(other is factories)
    midea = int(np.flatnonzero(factories.frame["name"].str.contains("Midea") & factories.frame["name"].str.contains("Chonburi"))[0])
    geom = factories.frame.geometry.iloc[midea]
    same_point = factories.frame.geometry.apply(lambda g: g is not None and g.distance(geom) < 1e-9)
    assert same_point.sum() >= 2  # Haier and Midea share the Chon Buri point
    window.canvas.zoom_to_bbox((99, 12, 103, 15))
    x, y = lonlat_to_display(np.array([geom.x]), np.array([geom.y]))
    px, py = window.canvas.viewport.to_pixels(x[0], y[0])
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(px), round(py)))
    panel = window.attribute_panel
    assert panel.results.isVisible() and panel.results.count() == int(same_point.sum())
    labels = [panel.results.itemText(i) for i in range(panel.results.count())]
    index = next(i for i, t in enumerate(labels) if "Midea" in t)
    panel.results.setCurrentIndex(index)
    assert "Midea" in panel.rows()["name"]
    assert window.canvas.selection == (factories, midea)


def test_undated_planned_cables_hidden_under_the_time_filter(window):
    cables = _layer(window.document, "builtin:cables")
    undated = np.isnat(cables.start_dates)
    assert undated.any() and set(cables.frame["status"][undated]) <= {"planned", "under construction", "delayed", "cancelled"}
    window.time_slider.enabled_box.setChecked(True)
    window.time_slider.slider.setValue(2005)
    assert not cables.drawn_mask(window.document.time_filter)[undated].any()
    window.time_slider.enabled_box.setChecked(False)  # no time filter: everything is drawn but cancelled
    cancelled = (cables.frame["status"] == "cancelled").to_numpy()
    assert cables.drawn_mask(window.document.time_filter)[~cancelled].all()
    assert not cables.drawn_mask(window.document.time_filter)[cancelled].any()
    countries = _layer(window.document, "builtin:countries")
    assert countries.temporal is None


def test_view_menu_switches_cable_colours(qtbot):
    from asean_atlas.desktop.cli import build_document
    from asean_atlas.desktop.main_window import MainWindow

    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    cab = next(lyr for lyr in win.document.layers if lyr.source == "builtin:cables")
    assert cab.style.categorized_field == "status"
    win.cable_colour_actions["telegeography"].trigger()
    assert cab.style.categorized_field == "tg_color" and cab.style.color_for(cab.frame["tg_color"].iloc[0]) == cab.frame["tg_color"].iloc[0]
    win.cable_colour_actions["atlas"].trigger()
    assert cab.style.categorized_field == "status"
