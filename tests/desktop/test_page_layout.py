"""The export page (issue 12 items 2 and 9): title band, legend and footer never over the data,
at 96 and 300 DPI, for A4, 16:9 and square; the layout scales with the DPI; long legends wrap
into columns; the scale bar measures geodesic distance at the frame's centre."""

import numpy as np
import pytest
from pyproj import Geod
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.export import export_page_view, export_png
from asean_atlas.layers.export_options import ExportOptions, parse_size
from asean_atlas.layers.projection import bbox_to_display, display_to_lonlat


@pytest.fixture(scope="module")
def doc():
    return build_document([])


def _data_rect(document, view) -> QRectF:
    """The visible layers' extent (degrees) in page pixels, clipped to the map frame."""
    w, s, e, n = document.full_extent()
    x0, y0, x1, y1 = bbox_to_display((w, s, e, n))
    px0, py0 = view.to_pixels(x0, y1)
    px1, py1 = view.to_pixels(x1, y0)
    return QRectF(px0, py0, px1 - px0, py1 - py0).intersected(view.page.frame)


@pytest.mark.parametrize("preset", ["A4", "16:9", "square"])
@pytest.mark.parametrize("dpi", [96, 300])
def test_title_legend_and_footer_stay_off_the_data(doc, preset, dpi, qapp):
    width, height = parse_size(preset, dpi)
    view = export_page_view(doc, ExportOptions(width=width, height=height, dpi=dpi, year=2024))
    page = view.page
    data = _data_rect(doc, view)
    assert data.width() > 0.5 * page.frame.width()  # the data fill the frame (a real check)
    for name in ("title", "legend", "footer"):
        box = getattr(page, name)
        assert box is not None and not box.intersects(data), (name, box, data)
    assert page.legend_position == ("right" if preset == "16:9" else "bottom")
    assert page.frame.width() * page.frame.height() > 0.45 * width * height  # the map is most of the page


def test_300_dpi_is_the_96_dpi_page_sharper(doc, qapp):
    """Every item scales with the DPI: the 300-DPI A4 page is the 96-DPI one at 3.125 times the
    pixels (within a pixel or two of rounding)."""
    pages = [export_page_view(doc, ExportOptions(*parse_size("A4", dpi), dpi=dpi, year=2024)).page for dpi in (96, 300)]
    k = 300 / 96
    for name in ("title", "frame", "legend", "footer"):
        a, b = getattr(pages[0], name), getattr(pages[1], name)
        for va, vb in ((a.left(), b.left()), (a.top(), b.top()), (a.width(), b.width()), (a.height(), b.height())):
            assert vb == pytest.approx(va * k, rel=0.02, abs=3 * k), name  # text metrics: hinting differs a little
    assert len(pages[0].legend_columns) == len(pages[1].legend_columns) == 2


def test_long_legend_wraps_into_columns_inside_the_page(qapp, tmp_path):
    """Forty categories on a landscape page: the legend splits into columns that fit beside the
    map instead of running off the page."""
    import geopandas as gpd
    import shapely

    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.layer import Layer
    from asean_atlas.layers.style import Style

    lon = np.linspace(95, 125, 40)
    frame = gpd.GeoDataFrame({"kind": [f"class {i:02d}" for i in range(40)]},
                             geometry=shapely.points(lon, np.full(40, 5.0)), crs=4326)
    colours = [f"#{(i * 6151) % 0xFFFFFF:06x}" for i in range(40)]
    style = Style(color="#444444", categorized_field="kind",
                  categories={f"class {i:02d}": colours[i] for i in range(40)})
    document = MapDocument()
    document.add_layer(Layer(frame, "sites", style=style))
    opts = ExportOptions(width=1200, height=700, bbox=(94, 0, 126, 10))
    page = export_page_view(document, opts).page
    assert page.legend_position == "right" and len(page.legend_columns) >= 2
    assert page.legend.bottom() <= page.frame.bottom() + 1 and page.legend.right() <= opts.width
    out = export_png(document, tmp_path / "long.png", opts)
    assert QImage(str(out)).width() == 1200


@pytest.mark.parametrize("bbox", [(92, -11, 141, 29), (100, 40, 140, 60), (-10, 50, 10, 60)])
def test_scale_bar_is_the_geodesic_distance_at_the_centre(qapp, doc, bbox):
    view = export_page_view(doc, ExportOptions(width=1600, height=1000, bbox=bbox))
    vp = view.viewport
    pixels, metres, label = vp.scale_bar(max_pixels=160)
    # the bar's ends, centred on the frame's centre, measured with pyproj's Geod on WGS84
    lon, lat = display_to_lonlat(np.array([vp.cx - pixels / 2 * vp.resolution, vp.cx + pixels / 2 * vp.resolution]),
                                 np.array([vp.cy, vp.cy]))
    _, _, dist = Geod(ellps="WGS84").inv(lon[0], lat[0], lon[1], lat[1])
    assert dist == pytest.approx(metres, rel=0.01), (label, dist)


def test_layout_options_from_the_command_line(tmp_path, capsys):
    png = tmp_path / "a4.png"
    assert main(["export", "--png", str(png), "--size", "A4-landscape", "--dpi", "150", "--legend", "inside",
                 "--no-north-arrow", "--subtitle", "Cables and data centres, 2024", "--year", "2024"]) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == parse_size("a4-landscape", 150) == (1754, 1240)
    assert main(["export", "--png", str(png), "--size", "B5"]) == 2
    assert "A4, A4-landscape" in capsys.readouterr().err


@pytest.mark.parametrize("dpi", [96, 300])
def test_locator_inset_shows_the_map_extent(doc, dpi, qapp, tmp_path):
    """Issue 12 item 1: the optional locator inset lies in the map frame, clear of the legend and
    the date stamp, its view holds the frame's whole extent (6 times over, at least ~6,000 km
    across), which it outlines in red; off, the corner is the map."""
    from asean_atlas.desktop.layout import LOCATOR_MIN_SPAN
    from asean_atlas.desktop.renderer import color_at

    width, height = parse_size("A4-landscape", dpi)
    opts = dict(width=width, height=height, dpi=dpi, year=2024, center=(100.9, 13.3), scale_denominator=2_000_000)
    page = export_page_view(doc, ExportOptions(locator=True, **opts)).page
    assert export_page_view(doc, ExportOptions(**opts)).page.locator is None  # off by default
    inset, lvp = page.locator, page.locator_viewport
    assert page.frame.contains(inset)
    for other in (page.legend, page.stamp_rect, page.title, page.footer):
        assert other is None or not other.intersects(inset)
    assert (lvp.width, lvp.height) == (round(inset.width()), round(inset.height()))
    assert inset.width() == pytest.approx(min(0.26 * page.frame.width(), 230 * dpi / 96), abs=1)
    x0, y0, x1, y1 = page.viewport.extent()
    lx0, ly0, lx1, ly1 = lvp.extent()
    assert lx0 < x0 and x1 < lx1 and ly0 < y0 and y1 < ly1
    assert lx1 - lx0 == pytest.approx(max(LOCATOR_MIN_SPAN, 6 * (x1 - x0)), rel=0.01)
    # the picture: a red outline where the frame's extent is on the inset
    image = export_png(doc, tmp_path / "loc.png", ExportOptions(locator=True, **opts))
    img = QImage(str(image))
    px0, py0 = lvp.to_pixels(x0, y1)
    px1, py1 = lvp.to_pixels(x1, y0)
    edge = color_at(img, inset.left() + px0, inset.top() + (py0 + py1) / 2)  # the outline's left side
    assert edge.red() > 180 and edge.green() < 110 and edge.blue() < 110, edge.name()


def test_footer_sources_follow_a_centre_and_scale_and_attribution_is_whole(doc, qapp):
    """The sources footnote lists the features in view at --center/--scale (the dialog's view),
    not the whole region; the attribution line, a licence term, wraps instead of being cut."""
    from PySide6.QtGui import QFontMetricsF

    from asean_atlas.desktop.layout import _font, footer_lines

    region = footer_lines(doc, ExportOptions(year=2024))
    nanning = footer_lines(doc, ExportOptions(year=2024, center=(108.32, 22.82), scale_denominator=200_000))
    assert any("TeleGeography www.submarinecablemap.com repo" in ln for ln in region)
    assert not any("TeleGeography www.submarinecablemap.com repo" in ln for ln in nanning)
    assert any(ln.startswith("Sources") for ln in nanning)
    width, height = parse_size("A4", 96)
    lines = footer_lines(doc, ExportOptions(width=width, height=height, year=2024))
    fm = QFontMetricsF(_font(10))
    assert all(fm.horizontalAdvance(ln) <= width - 16 for ln in lines if not ln.startswith(("Sources", "[")))
    assert "GeoNames (CC BY 4.0)" in " ".join(lines) and "CC BY-NC-SA 3.0" in " ".join(lines)


def test_locator_never_over_the_legend_and_same_corner_at_any_dpi(doc, qapp):
    small = export_page_view(doc, ExportOptions(width=800, height=500, legend="inside", locator=True, year=2020)).page
    assert small.locator is None or not small.locator.intersects(small.legend)
    corners = []
    for dpi in (96, 300):
        w, h = parse_size("A4", dpi)
        page = export_page_view(doc, ExportOptions(width=w, height=h, dpi=dpi, year=2024, locator=True,
                                                   center=(112.0, 10.0), scale_denominator=29_110_913)).page
        f, r = page.frame, page.locator
        corners.append((r.center().x() > f.center().x(), r.center().y() > f.center().y()))
    assert corners[0] == corners[1]


def test_bbox_and_centre_scale_together_are_refused(tmp_path, capsys):
    assert main(["export", "--png", str(tmp_path / "x.png"), "--bbox", "95,0,125,25", "--center", "100,10",
                 "--scale", "1000000"]) == 2
    assert "use one of them" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_attribution_wraps_in_small_multiples_too(doc, qapp):
    """The attribution strip of the small multiples (draw_attribution) wraps its credits as the
    page footer does, rather than cutting them with an ellipsis."""
    from PySide6.QtGui import QFontMetricsF, QPainter

    from asean_atlas.desktop.layout import _font, attribution_lines, attribution_text, draw_attribution
    from asean_atlas.layers.viewport import Viewport

    fm = QFontMetricsF(_font(10))
    lines = attribution_lines(doc, fm, 500)
    assert " · ".join(lines) == attribution_text(doc) and len(lines) > 1
    assert all(fm.horizontalAdvance(ln) <= 500 or " · " not in ln for ln in lines)
    image = QImage(516, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    height = draw_attribution(painter, doc, Viewport(width=516, height=300), 1.0)
    painter.end()
    assert height == pytest.approx(fm.height() * len(lines) + 6, abs=1)  # no filter notes: the credits only
