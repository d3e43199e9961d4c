"""Exports keep time (issue 5): animated GIF, small multiples, CLI options."""

import dataclasses
import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PIL import Image

from asean_atlas.desktop.cli import main
from asean_atlas.desktop.export import (
    animation_filters,
    export_gif,
    export_small_multiples,
    render_image,
)
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.errors import ExportError
from asean_atlas.desktop.export import export_page_view
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.style import Style
from asean_atlas.layers.temporal import TemporalSpec

RED = (214, 39, 40)
BBOX = (95.0, 5.0, 115.0, 15.0)


def _doc():
    frame = gpd.GeoDataFrame(
        {"name": ["New cable", "Old cable"], "rfs_year": [2017, 2001]},
        geometry=[shapely.LineString([(98, 10), (112, 10)]), shapely.LineString([(98, 7), (112, 7)])],
        crs=4326,
    )
    doc = MapDocument(title="T")
    doc.add_layer(Layer(frame, "Cables", style=Style(color="#d62728", stroke_width=8), temporal=TemporalSpec("rfs_year")))
    return doc


def _pixel(options, doc, lon, lat):
    vp = export_page_view(doc, options)
    x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
    px, py = vp.to_pixels(x[0], y[0])
    return int(round(float(px))), int(round(float(py)))


def _is_red(rgb):
    return all(abs(a - b) <= 12 for a, b in zip(rgb, RED))


def _frames(path):
    im = Image.open(path)
    out = []
    for i in range(im.n_frames):
        im.seek(i)
        out.append(np.asarray(im.convert("RGB")).astype(int))
    return out


def _qimage_rgb(image):
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(bytes(rgb.constBits()), dtype=np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return arr[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3).astype(int)


def test_gif_has_one_frame_per_step_with_its_date(qapp, tmp_path):
    doc = _doc()
    options = ExportOptions(width=480, height=300, bbox=BBOX)
    filters = animation_filters(doc, 2015, 2018, "1y")
    assert [f.label for f in filters] == ["2015", "2016", "2017", "2018"]
    out = export_gif(doc, tmp_path / "a.gif", options, filters, frame_ms=250)
    im = Image.open(out)
    assert im.n_frames == 4 and im.info["duration"] == 250 and im.info["loop"] == 0
    frames = _frames(out)
    assert frames[0].shape == (300, 480, 3)
    framed = dataclasses.replace(options, year=2017)  # a frame's page: title, subtitle and stamp
    x, y = _pixel(framed, doc, 99, 10)  # on the cable of 2017 (west of the city labels)
    assert [_is_red(f[y, x]) for f in frames] == [False, False, True, True]
    xo, yo = _pixel(framed, doc, 99, 7)  # the cable of 2001 is in every frame
    assert all(_is_red(f[yo, xo]) for f in frames)
    # each frame carries its own date stamp: it matches the still image of its year best
    stills = [_qimage_rgb(render_image(doc, ExportOptions(width=480, height=300, bbox=BBOX, year=y)))
              for y in (2015, 2016, 2017, 2018)]
    for i, frame in enumerate(frames):
        diffs = [np.abs(frame - s).mean() for s in stills]
        assert int(np.argmin(diffs)) == i, diffs
    # 2017 and 2018 differ only in the stamp, and they do differ
    assert np.abs(frames[2] - frames[3]).sum() > 0


def test_gif_source_date_steps(qapp, tmp_path):
    doc = _doc()
    filters = animation_filters(doc, step="source")
    assert [f.label for f in filters] == ["2001-01-01", "2017-01-01"]
    out = export_gif(doc, tmp_path / "s.gif", ExportOptions(width=200, height=120, bbox=BBOX), filters)
    assert Image.open(out).n_frames == 2


def test_animation_errors():
    doc = _doc()
    with pytest.raises(ExportError):
        animation_filters(doc, 2010, 2000)
    with pytest.raises(ExportError):
        animation_filters(doc, step="fortnight")
    with pytest.raises(ExportError):
        animation_filters(MapDocument())  # no dates anywhere


def test_small_multiples_size_and_panels(qapp, tmp_path):
    doc = _doc()
    options = ExportOptions(width=1200, height=500, bbox=BBOX, title="Growth")
    out = export_small_multiples(doc, tmp_path / "sm.png", options, [2010, 2020])
    img = np.asarray(Image.open(out).convert("RGB")).astype(int)
    assert img.shape == (500, 1200, 3)
    # the 2017 cable crosses the middle of the second panel only: look along its row in each half
    legend_free = img[:, : int(1200 * 0.7)]
    left, right = legend_free[:, : legend_free.shape[1] // 2], legend_free[:, legend_free.shape[1] // 2:]
    red_rows = lambda part: {int(r) for r in np.flatnonzero([any(_is_red(p) for p in row[::3]) for row in part])}  # noqa: E731
    assert len(red_rows(right)) > len(red_rows(left)) > 0  # both panels show the 2001 cable, only 2020 the 2017 one
    # the document's own time state is untouched
    assert doc.time_filter is None


def test_cli_gif_and_small_multiples(qapp, tmp_path, capsys):
    layer = tmp_path / "cables.geojson"
    layer.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "A", "rfs_year": 2017},
         "geometry": {"type": "LineString", "coordinates": [[98, 10], [112, 10]]}},
        {"type": "Feature", "properties": {"name": "B", "rfs_year": 2003},
         "geometry": {"type": "LineString", "coordinates": [[98, 7], [112, 7]]}},
    ]}))
    gif = tmp_path / "out.gif"
    code = main(["export", "--no-builtin", "--layer", str(layer), "--gif", str(gif), "--from", "2000",
                 "--to", "2025", "--step", "1y", "--size", "240x160"])
    assert code == 0
    assert Image.open(gif).n_frames == 26
    assert "26 frames, 2000 to 2025" in capsys.readouterr().out
    png = tmp_path / "sm.png"
    code = main(["export", "--no-builtin", "--layer", str(layer), "--png", str(png), "--small-multiples",
                 "2010,2015,2020,2025", "--size", "1600x600"])
    assert code == 0 and Image.open(png).size == (1600, 600)
    assert main(["export", "--no-builtin", "--layer", str(layer), "--small-multiples", "2010"]) == 2
    assert main(["export", "--no-builtin", "--layer", str(layer), "--gif", str(gif), "--step", "1w"]) == 2


def test_gif_keeps_every_layer_colour_exact(qapp, tmp_path):
    """Small layers keep their own colours in the GIF (the legend must match the frames): 60
    one-marker layers in close hues; a per-frame median cut merged 41 of them."""
    import colorsys

    doc = MapDocument(title="")
    places = {}
    for i in range(60):
        r, g, b = colorsys.hsv_to_rgb(i / 60, 0.85, 0.55 + 0.4 * ((i * 7) % 5) / 4)
        color = "#%02x%02x%02x" % (int(r * 255), int(g * 255), int(b * 255))
        lon, lat = 96 + (i % 12) * 1.6, 6 + (i // 12) * 1.8
        places[(lon, lat)] = color
        frame = gpd.GeoDataFrame({"name": [str(i)], "year": [2000]}, geometry=[shapely.Point(lon, lat)], crs=4326)
        doc.add_layer(Layer(frame, str(i), style=Style(color=color, fill_color=color, marker_size=9),
                            temporal=TemporalSpec("year")))
    options = ExportOptions(width=500, height=300, bbox=BBOX, title="")
    filters = animation_filters(doc)
    out = export_gif(doc, tmp_path / "c.gif", options, filters=filters)
    gif = _frames(out)[-1]
    png = _qimage_rgb(render_image(doc, dataclasses.replace(options, time_filter=filters[-1])))
    # wherever the full-colour render shows a symbol colour, the GIF shows exactly that colour
    checked = 0
    for color in places.values():
        want = np.array([int(color[k:k + 2], 16) for k in (1, 3, 5)])
        where = np.all(png == want, axis=2)
        checked += int(where.sum())
        assert np.all(gif[where] == want), color
    assert checked > 60 * 20  # the markers (not hidden under the legend) were really compared


def test_gif_too_big_for_memory_is_refused_clearly(tmp_path, capsys, monkeypatch, qapp):
    """A GIF holds every frame until it is written: one that cannot fit in memory is refused
    with exit 2 and a line saying what to change, before any frame is rendered."""
    from asean_atlas.desktop.cli import main
    from asean_atlas.layers import io

    monkeypatch.setattr(io, "memory_budget", lambda: 500_000_000)
    out = tmp_path / "big.gif"
    assert main(["export", "--gif", str(out), "--from", "2000", "--to", "2025", "--size", "4000x3000"]) == 2
    err = capsys.readouterr().err
    assert "26 frames at 4000x3000 px needs about 2.8 GB" in err and "--mp4" in err
    assert not out.exists()
