"""Issue 4 on the command line: import report from `info`, layer choice, CRS, exit 2 on bad files."""

import subprocess
import sys

import geopandas as gpd
import shapely

from asean_atlas.desktop.cli import main


def _two_layer_gpkg(tmp_path):
    path = tmp_path / "two.gpkg"
    gpd.GeoDataFrame({"name": ["A", "B"]}, geometry=[shapely.Point(100, 1), shapely.Point(101, 2)], crs=4326).to_file(
        path, layer="sites")
    gpd.GeoDataFrame({"name": ["Tuas"]}, geometry=[shapely.Point(103.64, 1.32)], crs=4326).to_file(path, layer="stations")
    return path


def test_info_layer_choice(tmp_path, capsys):
    path = _two_layer_gpkg(tmp_path)
    assert main(["info", str(path), "--layer", "stations"]) == 0
    out = capsys.readouterr().out
    assert "layer: stations (layers in the file: sites, stations)" in out
    assert "features: 1" in out and "format: GPKG" in out and "encoding: n/a (binary format)" in out
    assert main(["info", f"{path}|layername=sites"]) == 0
    assert "features: 2" in capsys.readouterr().out


def test_info_crs_option(tmp_path, capsys):
    path = tmp_path / "utm.csv"
    path.write_text("name,x,y\nBangkok,662000,1521000\n")
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no CRS" in err[0] and str(path) in err[0]
    assert main(["info", str(path), "--crs", "EPSG:32647"]) == 0
    out = capsys.readouterr().out
    assert "CRS: EPSG:32647 (chosen) (transformed to EPSG:4326)" in out
    assert "bbox (W,S,E,N, degrees): 100.49" in out


def test_info_encoding_option(tmp_path, capsys):
    path = tmp_path / "short.csv"
    path.write_bytes("name,lon,lat\n南宁,108.3,22.8\n".encode("gbk"))
    assert main(["info", str(path), "--encoding", "gbk"]) == 0
    assert "encoding: gbk (chosen)" in capsys.readouterr().out


def test_export_picks_geopackage_layer(tmp_path, capsys):
    path = _two_layer_gpkg(tmp_path)
    html = tmp_path / "m.html"
    assert main(["export", "--no-builtin", "--layer", f"{path}|layername=stations", "--html", str(html)]) == 0
    assert "two — stations: 1 feature read, 1 drawn" in capsys.readouterr().out
    assert "Tuas" in html.read_text(encoding="utf-8")


def test_bad_zip_exit_2_no_traceback(tmp_path):
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    out = subprocess.run([sys.executable, "-m", "asean_atlas.desktop.app", "info", str(bad)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "Traceback" not in out.stderr
