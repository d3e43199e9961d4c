"""``asean-atlas analyze`` (issue 14 item 5): the same numbers as the headless API, a one-line
summary, a map of the cut, and bad input as one line with exit status 2."""

import csv
import json

import numpy as np
import pandas as pd
import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from asean_atlas.desktop.cli import main
from asean_atlas.layers.builtin import builtin_layers
from asean_atlas.layers.connectivity import LOSS_CLASSES, CableNetwork, Cut


def _geojson(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": p, "geometry": shapely.geometry.mapping(g)} for p, g in features]}))
    return path


@pytest.fixture
def small(tmp_path):
    """The hand-built network of tests/layers/test_connectivity.py as two user files."""
    stations = _geojson(tmp_path / "stations.geojson", [
        ({"id": "a1", "country": "AAA", "name": "A one"}, shapely.Point(100, 0)),
        ({"id": "a2", "country": "AAA", "name": "A two"}, shapely.Point(100.5, 0.5)),
        ({"id": "b1", "country": "BBB", "name": "B one"}, shapely.Point(110, 0)),
        ({"id": "c1", "country": "CCC", "name": "C one"}, shapely.Point(120, 0)),
        ({"id": "d1", "country": "DDD", "name": "D one"}, shapely.Point(110, 10))])
    cables = _geojson(tmp_path / "cables.geojson", [
        ({"id": "c1", "landing_station_ids": "a1;b1", "owners": "China Telecom"}, shapely.LineString([(100, 0), (110, 0)])),
        ({"id": "c2", "landing_station_ids": "b1;c1", "owners": "Other"}, shapely.LineString([(110, 0), (120, 0)])),
        ({"id": "c3", "landing_station_ids": "a2;d1;c1", "owners": "Other"},
         shapely.MultiLineString([[(100.5, 0.5), (110, 5), (110, 10)], [(110, 5), (120, 0)]])),
        ({"id": "c4", "landing_station_ids": "a1;a2", "owners": "Other"}, shapely.LineString([(100, 0), (100.5, 0.5)]))])
    return ["--no-builtin", "--layer", str(cables), "--layer", str(stations), "--as-of", "2026"]


def test_cut_by_cable_known_answers(small, tmp_path, capsys):
    out_csv, pairs_csv = tmp_path / "cut.csv", tmp_path / "pairs.csv"
    assert main(["analyze", "cut", *small, "--cable", "c1", "--pair", "AAA:BBB", "--csv", str(out_csv),
                 "--pairs-csv", str(pairs_csv)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1 cable cut; 0 stations left without a working cable"
    assert lines[1].startswith("AAA ↔ BBB: connected, 1 cable-disjoint path; shortest")
    t = pd.read_csv(out_csv).set_index("country")
    assert (t.at["AAA", "international_cables"], t.at["AAA", "international_cables_after"], t.at["AAA", "share_lost"]) == (2, 1, 0.5)
    assert t.at["AAA", "chinese_carrier_cables"] == 1 and t.at["AAA", "chinese_carrier_cables_after"] == 0
    with open(pairs_csv, encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["disjoint_paths_before"], row["disjoint_paths_after"]) == ("2", "1")
    assert row["path_after"] == "a2 -[c3]-> c1 ; c1 -[c2]-> b1"


def test_cut_by_area_file_isolates_a_station(small, tmp_path, capsys):
    area = _geojson(tmp_path / "sea.geojson", [({"name": "sea"}, shapely.box(109, 7, 111, 8))])
    assert main(["analyze", "cut", *small, "--area", str(area)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "1 cable cut; 1 station left without a working cable"


def test_connectivity_csv_is_the_api_s_numbers(tmp_path, capsys):
    out = tmp_path / "conn.csv"
    assert main(["analyze", "connectivity", "--as-of", "2026", "--since", "2015", "--csv", str(out)]) == 0
    assert capsys.readouterr().out.startswith("connectivity as of 2026: ")
    got = pd.read_csv(out, keep_default_na=False, na_values=[""]).set_index("country")
    layers = builtin_layers()
    net, active = CableNetwork.from_layers(layers, 2026)
    want = net.scenario(active).country_table().set_index("country")
    cables = next(lyr for lyr in layers if lyr.source == "builtin:cables")
    then = net.scenario(CableNetwork.active_ids(cables, 2015)).country_table().set_index("country")
    for c in ("SGP", "CHN", "HKG", "VNM", "IDN"):
        assert got.at[c, "international_cables"] == want.at[c, "international_cables"] > 0
        assert got.at[c, "countries_reached"] == want.at[c, "countries_reached"]
        assert got.at[c, "international_cables_change_since_2015"] == \
            want.at[c, "international_cables"] - (then.at[c, "international_cables"] if c in then.index else 0)
    assert "international_cables_after" not in got.columns


def test_cut_map_shades_the_country_that_lost_its_cables(tmp_path, capsys, qapp):
    """Cambodia's international cables all cut: its land is drawn in the darkest loss class; with
    an unrelated cable cut it is in the "none lost" class."""
    layers = builtin_layers()
    net, active = CableNetwork.from_layers(layers, 2026)
    sc = net.scenario(active)
    khm = sorted(c for c in active for members in sc.before[c] if any(net.station_country[s] == "KHM" for s in members))
    assert khm
    images = {}
    for name, ids in (("cut", khm), ("other", ["tata-tgn-tata-indicom"])):
        png = tmp_path / f"{name}.png"
        args = ["analyze", "cut", "--as-of", "2026", "--png", str(png), "--size", "1600x1000"]
        for c in ids:
            args += ["--cable", c]
        assert main(args) == 0
        images[name] = QImage(str(png))
    assert "stations left without a working cable" in capsys.readouterr().out
    # Cambodia's interior (the Tonle Sap plain, no label there at this scale): sample a patch
    from asean_atlas.desktop.export import export_page_view
    from asean_atlas.desktop.cli import build_document
    from asean_atlas.layers.export_options import ExportOptions
    from asean_atlas.layers.projection import lonlat_to_display

    doc = build_document([])
    vp = export_page_view(doc, ExportOptions(width=1600, height=1000, title="What if: x cut", subtitle="y"))
    x, y = lonlat_to_display(np.array([105.9]), np.array([13.4]))
    px, py = vp.to_pixels(float(x[0]), float(y[0]))

    def reddish(img):
        cols = [QColor(img.pixel(round(px) + dx, round(py) + dy)) for dx in (-3, 0, 3) for dy in (-3, 0, 3)]
        return np.median([c.red() - c.green() for c in cols])

    dark = QColor(LOSS_CLASSES[-1][2])
    assert reddish(images["cut"]) > 60 > reddish(images["other"]), (reddish(images["cut"]), reddish(images["other"]))
    assert dark.red() - dark.green() > 60


@pytest.mark.parametrize("args, words", [
    (["cut", "--cable", "no-such-cable"], "no cable with id 'no-such-cable'"),
    (["cut", "--station", "nowhere"], "no landing station with id 'nowhere'"),
    (["cut", "--area", "atlantis"], "neither a named area"),
    (["cut"], "nothing to cut"),
    (["cut", "--cable", "seamewe-3", "--pair", "CHN"], "expected two ISO alpha-3 codes"),
    (["cut", "--cable", "seamewe-3", "--pair", "SIN:CHN"], "no landing station of 'SIN' in the network"),
    (["cut", "--cable", "seamewe-3", "--pair", "sgp:SGP"], "expected two different countries"),
    (["connectivity", "--as-of", "someday"], "expected a year"),
    (["bogus"], "invalid choice"),
])
def test_bad_input_exit_2_one_line(args, words, capsys):
    assert main(["analyze", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0] and "Traceback" not in err[0]


def test_unreadable_area_file_names_the_file(tmp_path, capsys):
    bad = tmp_path / "strait.geojson"
    bad.write_text("{ not json")
    assert main(["analyze", "cut", "--area", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and len(err.strip().splitlines()) == 1


def test_station_cut_is_said_and_map_titles_name_what_was_cut(tmp_path, capsys):
    from asean_atlas.desktop.analyze_cli import map_titles

    assert main(["analyze", "cut", "--station", "tong-fuk-china", "--as-of", "2026"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.endswith("; 1 landing station cut") and line.startswith("0 cables cut; ")
    layers = builtin_layers()
    net, active = CableNetwork.from_layers(layers, 2026)
    sc = net.scenario(active, Cut(cables=("seamewe-3", "asia-africa-europe-1-aae-1")))
    title, subtitle = map_titles(sc, "2026", "en", None, net)
    assert title == "What if: SeaMeWe-3, Asia Africa Europe-1 (AAE-1) cut" or title.startswith("What if: SeaMeWe-3, ")
    assert "seamewe-3" not in title
    title, subtitle = map_titles(sc, "2026", "zh_CN", None, net)
    assert "、" in title and subtitle.startswith("截至2026年：")
