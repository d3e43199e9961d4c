"""The window's legend follows style, filter and time; duplicate layer titles get a suffix; new
layers' colours stay apart from the map's (issue 11 item 4)."""

import geopandas as gpd
import pytest
import shapely

from asean_atlas.desktop.cli import build_document
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.style import USER_PALETTE, colour_distance, most_distinct_colour


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _cable_rows(window):
    rows = window.legend_panel.legend.rows()
    i = [r[0] for r in rows].index("Submarine cables")
    out = []
    for label, colour, dashed in rows[i + 1:]:
        if not label.startswith(" "):
            break
        out.append((label.strip(), dashed))
    return out


def test_legend_explains_planned_and_follows_the_filter(window, qtbot):
    assert window.legend_dock.isVisible()
    rows = dict(_cable_rows(window))
    assert rows.get("planned") is True and rows.get("in service") is False
    cables = next(lyr for lyr in window.document.layers if lyr.source == "builtin:cables")
    cables.set_filter("status == 'in service'")
    assert [label for label, _ in _cable_rows(window)] == ["in service"]
    cables.set_filter(None)
    window.document.set_year(2005)  # no cable of 2005 is delayed or under construction
    labels = [label for label, _ in _cable_rows(window)]
    assert "in service" in labels and "delayed" not in labels
    window.document.set_year(None)
    assert "delayed" in [label for label, _ in _cable_rows(window)]
    # the legend is painted: the widget is as big as its rows need
    assert window.legend_panel.legend.height() >= 18 * len(window.legend_panel.legend.rows())
    img = window.legend_panel.legend.grab().toImage()
    assert len({img.pixel(x, y) for x in range(0, img.width(), 3) for y in range(0, img.height(), 3)}) > 20  # drawn


def test_duplicate_titles_get_a_suffix(window, tmp_path):
    doc = window.document
    gdf = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(100, 5)], crs=4326)
    a = doc.add_layer(Layer(gdf, "datacentres"))
    b = doc.add_layer(Layer(gdf, "datacentres"))
    c = doc.add_layer(Layer(gdf, "datacentres"))
    assert (a.title, b.title, c.title) == ("datacentres", "datacentres (2)", "datacentres (3)")
    doc.remove_layer(b)
    assert doc.add_layer(Layer(gdf, "datacentres")).title == "datacentres (2)"


def test_new_layer_colours_stay_apart():
    doc = build_document([])
    picks = []
    for _ in range(6):
        c = doc.unused_color()
        used = [u for lyr in doc.layers for u in [lyr.style.color, *(lyr.style.categories or {}).values(),
                                                    lyr.style.fill_color] if isinstance(u, str) and u.startswith("#")]
        assert min(colour_distance(c, u) for u in used) >= 14  # CIEDE2000: clearly different
        picks.append(c)
        doc.add_layer(Layer(gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(0, 0)], crs=4326), "x",
                            style=__import__("asean_atlas.layers.style", fromlist=["Style"]).Style(color=c)))
    assert len(set(picks)) == 6
    # distances are CIEDE2000 (ColorAide): identical 0, near-identical below 1, red vs blue far
    assert colour_distance("#e41a1c", "#e41a1c") == 0
    assert colour_distance("#ff0000", "#fe0000") < 1 < 40 < colour_distance("#e41a1c", "#377eb8")
    # when the palette is used up, a wider set of hues keeps the pick apart
    pick = most_distinct_colour(list(USER_PALETTE))
    assert pick not in USER_PALETTE and min(colour_distance(pick, u) for u in USER_PALETTE) > 10
