import re
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.export import export_page_view
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.projection import lonlat_to_display


def test_export_real_cables_png_and_html(cables_path, tmp_path, capsys, qapp):
    png, html = tmp_path / "cables.png", tmp_path / "cables.html"
    code = main(["export", "--no-builtin", "--layer", str(cables_path), "--png", str(png), "--html", str(html)])
    assert code == 0
    out = capsys.readouterr().out
    assert "cable-geo: 532 features read, 532 drawn" in out
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1600, 1000)
    text = html.read_text(encoding="utf-8")
    assert "SeaMeWe-5" in text and "Asia-America Gateway (AAG) Cable System" in text


def test_png_pixel_at_landing_station_has_layer_colour(landing_points_path, tmp_path, qapp):
    png = tmp_path / "lp.png"
    bbox = "103.0,0.8,104.6,1.9"
    assert main(["export", "--no-builtin", "--layer", str(landing_points_path), "--bbox", bbox,
                 "--size", "800x600", "--title", "", "--png", str(png)]) == 0
    doc = build_document([str(landing_points_path)], builtin=False)
    layer = doc.layers[0]
    vp = export_page_view(doc, ExportOptions(width=800, height=600, bbox=(103.0, 0.8, 104.6, 1.9), title=""))
    tuas = layer.frame[layer.frame["id"] == "tuas-singapore"].geometry.iloc[0]
    x, y = lonlat_to_display(np.array([tuas.x]), np.array([tuas.y]))
    px, py = vp.to_pixels(x[0], y[0])
    image = QImage(str(png))
    got = QColor(image.pixel(round(px), round(py)))
    want = QColor(layer.style.color)
    assert abs(got.red() - want.red()) <= 8 and abs(got.green() - want.green()) <= 8 and abs(got.blue() - want.blue()) <= 8
    # and a pixel in open sea, far from any station, is not the layer colour
    sea = QColor(image.pixel(10, 590))
    assert sea != want


def test_broken_layer_exit_2_one_line_naming_file(tmp_path):
    bad = tmp_path / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [ {')
    out = subprocess.run(
        [sys.executable, "-m", "asean_atlas.desktop.app", "export", "--no-builtin", "--layer", str(bad),
         "--png", str(tmp_path / "x.png")],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0]
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--size", "big"], "WIDTHxHEIGHT"),
        (["--bbox", "1,2,3"], "W,S,E,N"),
        (["--bbox", "10,5,0,6"], "west<east"),
        ([], "nothing to export"),
    ],
)
def test_bad_options_exit_2(args, words, capsys):
    assert main(["export", "--no-builtin", *args]) == 2
    assert words in capsys.readouterr().err


def test_unwritable_output_exit_2(cables_path, tmp_path, capsys, qapp):
    target = tmp_path / "no-such-dir" / "x.png"
    assert main(["export", "--no-builtin", "--layer", str(cables_path), "--png", str(target)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_info_reports_count_crs_bbox_fields(landing_points_path, capsys):
    assert main(["info", str(landing_points_path)]) == 0
    out = capsys.readouterr().out
    assert "features: 1436" in out
    assert "Point (1436)" in out
    assert "CRS: EPSG:4326" in out
    assert "is_tbd" in out and "time field: none" in out


def test_info_time_field(tmp_path, capsys):
    path = tmp_path / "dc.csv"
    path.write_text("name,lon,lat,rfs_year\nA,100,10,2017\nB,101,11,\n")
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "time field: rfs_year" in out and "undated features: 1" in out


def test_launch_without_display_saves_a_picture_and_exits_0(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run(
        [sys.executable, "-m", "asean_atlas.desktop.app", "--no-builtin"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )
    assert out.returncode == 0, out.stderr
    assert "no display found" in out.stderr and "xvfb-run" in out.stderr
    image = QImage(str(tmp_path / "asean-atlas-window.png"))
    assert image.width() >= 800 and image.height() >= 500


def test_screenshot_never_waits_on_a_dialog_and_reports_failures(tmp_path):
    import os

    import geopandas as gpd
    import shapely

    nocrs = tmp_path / "utm_nocrs.geojson"  # metres, no CRS: the GUI would ask for the CRS
    nocrs.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
                     '"geometry":{"type":"Point","coordinates":[662000,1521000]}}]}')
    two = tmp_path / "two.gpkg"  # two layers: the GUI would ask which
    for name in ("a", "b"):
        gpd.GeoDataFrame({"name": [name]}, geometry=[shapely.Point(100, 10)], crs=4326).to_file(two, layer=name)
    shot = tmp_path / "s.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "asean_atlas.desktop.app", "--no-builtin", "--screenshot", str(shot),
         str(two), str(nocrs), str(tmp_path / "missing.geojson")],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert out.returncode == 2
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 2 and "utm_nocrs.geojson" in errors[0] and "missing.geojson" in errors[1]
    assert shot.exists()


def test_unwritable_system_path_exit_2(cables_path, capsys, qapp):
    assert main(["export", "--no-builtin", "--layer", str(cables_path), "--png", "/proc/x.png"]) == 2
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, words",
    [
        (["--gif", "a.gif", "--from", "abc"], "--from 'abc': expected a year"),
        (["--gif", "a.gif", "--step", "3q"], "--step '3q'"),
        (["--gif", "a.gif", "--from", "2020", "--to", "2010"], "is after --to"),
        (["--gif", "a.gif", "--frame-ms", "0"], "--frame-ms 0"),
        (["--png", "out.txt"], "must end in .png"),
        (["--png", "a.png", "--small-multiples", ""], "--small-multiples ''"),
        (["--png", "a.png", "--size", "-5x100"], "outside 16..20000"),
    ],
)
def test_export_options_checked_before_loading(args, words, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", *args]) == 2
    captured = capsys.readouterr()
    assert words in captured.err
    assert "features" not in captured.out  # rejected before any layer was read


def test_export_with_crs_for_a_file_without_one(tmp_path, capsys, qapp):
    nocrs = tmp_path / "utm.geojson"  # Bangkok in UTM 47N, no CRS in the file
    nocrs.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Bangkok"},'
                     '"geometry":{"type":"Point","coordinates":[662000,1521000]}}]}')
    html = tmp_path / "m.html"
    assert main(["export", "--no-builtin", "--layer", str(nocrs), "--html", str(html)]) == 2
    assert "CRS" in capsys.readouterr().err
    assert main(["export", "--no-builtin", "--layer", str(nocrs), "--crs", "EPSG:32647", "--html", str(html)]) == 0
    text = html.read_text(encoding="utf-8")
    m = re.search(r'"coordinates":\s*\[\s*(100\.\d+),\s*(13\.\d+)\s*\]', text)
    assert m and abs(float(m.group(1)) - 100.498) < 0.01 and abs(float(m.group(2)) - 13.754) < 0.01


def test_map_bbox_clips_world_latitudes():
    from asean_atlas.layers.export_options import map_bbox

    assert map_bbox((-180.0, -90.0, 180.0, 83.6)) == (-180.0, -60.0, 180.0, 80.0)
    assert map_bbox((90.0, -15.0, 150.0, 35.0)) == (90.0, -15.0, 150.0, 35.0)


def test_a_closed_pipe_does_not_stop_the_export(tmp_path):
    """``asean-atlas export ... | head -1``: the export still writes its files (issue 8 trial)."""
    import subprocess
    import sys

    out = tmp_path / "m.html"
    proc = subprocess.Popen(
        [sys.executable, "-c", "from asean_atlas.desktop.cli import main; raise SystemExit(main())",
         "export", "--html", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader went away after one line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert first and out.exists() and "internal error" not in err


def test_export_in_telegeography_cable_colours(tmp_path, capsys):
    from asean_atlas.desktop.cli import main
    from asean_atlas.geodata.builtin import load_builtin_layer
    from asean_atlas.layers.html_export import page_data

    out = tmp_path / "tg.html"
    assert main(["export", "--cable-colours", "telegeography", "--html", str(out)]) == 0
    data = page_data(out.read_text(encoding="utf-8"))
    cab = next(lay for lay in data["layers"] if lay["title"] == "Submarine cables")
    colours = {c["color"] for c in cab["classes"]}
    assert set(load_builtin_layer("cables")["tg_color"]) - {""} <= colours  # "" (not in the release): default colour
    assert all(c["label"] == "" for c in cab["classes"])  # one legend row, not one per cable
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["export", "--cable-colours", "rainbow", "--html", str(out)])
    assert exc.value.code == 2 and "rainbow" in capsys.readouterr().err


def test_export_filter_option(tmp_path, capsys, qapp):
    """--filter LAYER=EXPRESSION (issue 11): the HTML holds only the passing features and says
    'filtered: ...'; a bad layer or expression is exit 2 with one line."""
    import json

    html = tmp_path / "f.html"
    png = tmp_path / "f.png"
    code = main(["export", "--filter", "cables=status == 'in service' and rfs_year >= 2020",
                 "--html", str(html), "--png", str(png)])
    assert code == 0
    out = capsys.readouterr().out
    m = re.search(r"Submarine cables: 109 features read, 109 drawn \((\d+) pass the filter", out)
    assert m and 5 < int(m.group(1)) < 30
    page = html.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', page, re.S).group(1))
    cables = next(lyr for lyr in data["layers"] if lyr["title"] == "Submarine cables")
    years = [f["properties"]["rfs_year"] for f in cables["fc"]["features"]]
    assert len(years) == int(m.group(1)) and min(years) >= 2020
    assert any(line.startswith("filtered: Submarine cables: status == 'in service'") for line in data["attribution"])
    assert QImage(str(png)).width() == 1600
    for args, words in ((["--filter", "nolayer=a == 1"], "no layer named"), (["--filter", "cables=nope > 1"], "no attribute"),
                        (["--filter", "cables"], "expected LAYER=EXPRESSION"),
                        (["--filter", "cables=__import__('os')"], "unknown function")):
        assert main(["export", *args, "--png", str(tmp_path / "x.png")]) == 2
        err = capsys.readouterr().err
        assert words in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_filter_option_layer_names_with_equals(tmp_path, capsys, qapp):
    p = tmp_path / "a=b.geojson"
    p.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"k":1},'
                 '"geometry":{"type":"Point","coordinates":[100,5]}},{"type":"Feature","properties":{"k":2},'
                 '"geometry":{"type":"Point","coordinates":[101,5]}}]}', encoding="utf-8")
    assert main(["export", "--no-builtin", "--layer", str(p), "--filter", "a=b=k != 1", "--png", str(tmp_path / "x.png")]) == 0
    assert "1 pass the filter k != 1" in capsys.readouterr().out
