"""Views across the antimeridian: world copies in the renderer, seam-aware extents, identify."""

import json

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from asean_atlas.desktop.cli import main
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.document import MapDocument
from asean_atlas.desktop.export import export_page_view
from asean_atlas.layers.export_options import ExportOptions, export_viewport
from asean_atlas.layers.io import read_layer
from asean_atlas.layers.projection import bbox_to_display, lonlat_to_display
from asean_atlas.layers.viewport import WORLD_HALF, Viewport


def _pacific_cable(tmp_path):
    # pre-split at ±180 like the TeleGeography files
    fc = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Pacific test cable"},
        "geometry": {"type": "MultiLineString",
                     "coordinates": [[[170, 0], [180, 0]], [[-180, 0], [-170, 0]]]}}]}
    path = tmp_path / "pacific.geojson"
    path.write_text(json.dumps(fc))
    return path


def _red_across(image, px, py, rows=(-1, 0, 1)) -> bool:
    """Whether a pixel of the column through ``(px, py)`` is the layer's red (#e41a1c) drawn
    at least 3:1 over the sea: a 1.5 px line on a pixel edge is antialiased over two rows."""
    column = [QColor(image.pixel(round(px), round(py) + d)) for d in rows]
    return any(c.red() > 200 and c.green() < 100 and c.blue() < 100 for c in column)


def test_seam_bbox_projects_past_the_world_edge():
    xmin, _, xmax, _ = bbox_to_display((170.0, -10.0, -170.0, 10.0))
    assert xmin == pytest.approx(lonlat_to_display(np.array([170.0]), np.array([0.0]))[0][0])
    assert xmax == pytest.approx(2 * WORLD_HALF + lonlat_to_display(np.array([-170.0]), np.array([0.0]))[0][0])
    vp = Viewport(width=400, height=200)
    vp.fit_bbox((170.0, -10.0, -170.0, 10.0))
    assert vp.world_shifts() == [0.0, 2 * WORLD_HALF]
    assert Viewport.wrap_x(WORLD_HALF + 1000.0) == pytest.approx(-WORLD_HALF + 1000.0)


def test_layer_and_document_extent_cross_the_seam(tmp_path):
    layer = read_layer(_pacific_cable(tmp_path))
    w, s, e, n = layer.view_bounds()
    assert (w, e) == (170.0, -170.0)
    assert layer.bounds()[0] == -180.0 and layer.bounds()[2] == 180.0  # the plain min/max bbox
    doc = MapDocument()
    doc.add_layer(layer)
    assert doc.full_extent()[0] == 170.0 and doc.full_extent()[2] == -170.0


def test_png_across_the_seam_draws_both_halves(tmp_path, qapp):
    path = _pacific_cable(tmp_path)
    png = tmp_path / "seam.png"
    assert main(["export", "--no-builtin", "--layer", str(path), "--bbox", "160,-10,-160,10",
                 "--size", "800x400", "--title", "", "--png", str(png)]) == 0
    doc = MapDocument()
    layer = doc.add_layer(read_layer(path, color="#e41a1c"))
    assert layer.style.color == "#e41a1c"  # the colour _red_across looks for (the CLI's first pick)
    vp = export_page_view(doc, ExportOptions(width=800, height=400, bbox=(160, -10, -160, 10), title=""))
    image = QImage(str(png))
    for lon in (175.0, -175.0):
        x, y = lonlat_to_display(np.array([lon]), np.array([0.0]))
        x = x[0] + (2 * WORLD_HALF if lon < 0 else 0.0)  # east of the seam: the next world copy
        px, py = vp.to_pixels(x, y[0])
        assert _red_across(image, px, py, rows=(-2, -1, 0, 1, 2)), lon
    # away from the line (5° north, east of the seam) only sea: no streak back across the map
    x, y = lonlat_to_display(np.array([-165.0]), np.array([5.0]))
    px, py = vp.to_pixels(x[0] + 2 * WORLD_HALF, y[0])
    gap = QColor(image.pixel(round(px), round(py)))
    assert gap.blue() > 200  # sea


def test_zoom_to_layer_and_identify_across_the_seam(qtbot, tmp_path):
    win = MainWindow(MapDocument())
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.show()
    qtbot.waitExposed(win)
    (layer,) = win.open_files([str(_pacific_cable(tmp_path))])
    win.canvas.zoom_to_layer(layer)
    west, _, east, _ = win.canvas.viewport.bbox()
    assert west < 170.0 and west > 150.0  # the view starts west of the cable, not at -180
    # click on the east half, drawn in the world copy east of ±180°
    x, y = lonlat_to_display(np.array([-175.0]), np.array([0.0]))
    px, py = win.canvas.viewport.to_pixels(x[0] + 2 * WORLD_HALF, y[0])
    assert 0 < px < win.canvas.width()
    assert win.canvas.identify(float(px), float(py)) == (layer, 0)


def test_world_view_has_no_streak_across_the_map(tmp_path, qapp):
    path = _pacific_cable(tmp_path)
    png = tmp_path / "world.png"
    assert main(["export", "--no-builtin", "--layer", str(path), "--bbox", "-180,-30,180,30",
                 "--size", "900x300", "--title", "", "--png", str(png)]) == 0
    doc = MapDocument()
    doc.add_layer(read_layer(path))
    vp = export_page_view(doc, ExportOptions(width=900, height=300, bbox=(-180, -30, 180, 30), title=""))
    image = QImage(str(png))
    x, y = lonlat_to_display(np.array([0.0, 20.0, -60.0]), np.array([0.0, 0.0, 0.0]))
    for xi in x:  # mid-Atlantic, Africa, South America: a line drawn from +180 to -180 would cross
        px, py = vp.to_pixels(xi, y[0])
        assert not _red_across(image, px, py)
    # while the halves at the edges are drawn
    px, py = vp.to_pixels(lonlat_to_display(np.array([175.0]), np.array([0.0]))[0][0], y[0])
    assert _red_across(image, px, py)


def test_builtin_release_routes_cross_the_antimeridian_cleanly(qapp):
    """The built-in cables (TeleGeography routes split at ±180°, issue 10) draw no streak in a
    world view and continue across the seam in a Pacific-centred view."""
    from PySide6.QtGui import QPainter

    from asean_atlas.desktop.renderer import MapRenderer
    from asean_atlas.layers.builtin import builtin_layers
    from asean_atlas.layers.style import Style

    cab = next(lyr for lyr in builtin_layers() if lyr.source == "builtin:cables")
    cab.set_style(Style(color="#ff0000", stroke_width=2.0))
    doc = MapDocument()
    doc.add_layer(cab)

    def render(bbox, size=(900, 400)):
        vp = export_viewport(doc, ExportOptions(width=size[0], height=size[1], bbox=bbox))
        img = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
        p = QPainter(img)
        MapRenderer(basemap=False).render(p, doc, vp)
        p.end()
        return vp, img

    def red_in_column(vp, img, lon, shift=0.0):
        x, _ = lonlat_to_display(np.array([lon]), np.array([0.0]))
        px = int(round(float(vp.to_pixels(x[0] + shift, 0.0)[0])))
        assert 0 <= px < img.width()
        return sum(1 for py in range(img.height()) if _is_red(img.pixelColor(px, py)))

    vp, img = render((-180, -60, 180, 80))
    assert red_in_column(vp, img, -40.0) == 0  # mid-Atlantic: a line from +180 to -180 would cross it
    assert red_in_column(vp, img, 179.5) > 0 and red_in_column(vp, img, -179.5) > 0  # both halves drawn
    vp, img = render((150, -10, -150, 45))  # Pacific-centred, across ±180
    world = 2 * 20037508.342789244  # the east copy of the western hemisphere
    assert red_in_column(vp, img, 175.0) > 0 and red_in_column(vp, img, -170.0, shift=world) > 0


def _is_red(c):
    return c.red() > 200 and c.green() < 80 and c.blue() < 80
