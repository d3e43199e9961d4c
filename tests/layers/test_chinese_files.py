"""Chinese data files just work (issue 13 item 4, first slice): coordinate columns named 经度/纬度
or 东经/北纬 (simplified or traditional), a 名称 name column, a Chinese date column (投产, 时间)
found as the time field and its "2020年5月" values parsed, in UTF-8 and GBK."""

import numpy as np
import pytest

from asean_atlas.layers.io import read_layer
from asean_atlas.layers.search import search

ROWS = "南宁信息港,108.32,22.82,2020年5月\n曼谷站,100.5,13.75,2019年\n"


@pytest.mark.parametrize("header,codec", [
    ("名称,经度,纬度,投产", "utf-8"),
    ("名称,经度,纬度,投产", "gbk"),
    ("名稱,東經,北緯,時間", "big5"),
])
def test_chinese_columns_give_points_names_and_dates(tmp_path, header, codec):
    rows = ROWS if codec != "big5" else "南寧資訊港,108.32,22.82,2020年5月\n曼谷站,100.5,13.75,2019年\n"
    path = tmp_path / "sites.csv"
    path.write_bytes((header + "\n" + rows).encode(codec))
    layer = read_layer(path, cache=False)
    assert layer.feature_count == 2
    xy = np.column_stack([layer.frame.geometry.x, layer.frame.geometry.y])
    assert np.allclose(xy, [[108.32, 22.82], [100.5, 13.75]])
    name, _, _, when = header.split(",")
    assert layer.temporal is not None and layer.temporal.start_field == when
    starts = layer.start_dates
    assert str(starts[0])[:7] == "2020-05" and str(starts[1])[:4] == "2019"
    assert layer.frame[name].iloc[1] == "曼谷站"
    assert [h.row for h in search([layer], "曼谷")] == [1]


@pytest.mark.parametrize("text,codec,expected", [
    ("臺北站", "gbk", "gb18030"),    # statistical detection took these two for Big5 ("鰭控桴")
    ("高雄", "gbk", "gb18030"),
    ("臺北站", "big5", "big5"),
    ("กรุงเทพมหานคร", "cp874", "cp874"),
    ("Hà Đông Cà Mau", "cp1258", "cp1258"),
])
def test_short_legacy_texts_decode_in_their_script(tmp_path, text, codec, expected):
    """Issue 13 item 4: among the region's code pages that decode a file, the one whose text is
    plausible for its script wins (everyday Chinese characters, Thai or Vietnamese letters); the
    report says the choice and its confidence."""
    import unicodedata

    from asean_atlas.layers.encoding import detect_encoding, script_plausibility

    path = tmp_path / "s.csv"
    path.write_bytes(f"name,lon,lat\n{text},108.2,16.0\n".encode(codec))
    guess = detect_encoding(path)
    assert guess.codec == expected and guess.label == f"{expected} (detected)"
    assert guess.confidence.startswith("text plausible as ") and ": 100% of" in guess.confidence
    layer = read_layer(path, cache=False)
    assert unicodedata.normalize("NFC", layer.frame["name"].iloc[0]) == unicodedata.normalize("NFC", text)
    assert "plausible" in layer.report.summary()
    assert script_plausibility("鰭控桴", "big5")[0] < script_plausibility("臺北站", "gb18030")[0] == 1.0


def test_western_european_text_stays_cp1252(tmp_path):
    """cp1252 is compared too: a Western European file ("Café Müller") is not re-read as
    Vietnamese cp1258 (it was, '33 % plausible', for a few commits)."""
    from asean_atlas.layers.encoding import detect_encoding

    path = tmp_path / "w.csv"
    path.write_bytes("name,lon,lat\nCafé Müller Straße,10.0,50.0\n".encode("cp1252"))
    guess = detect_encoding(path)
    assert guess.codec == "cp1252" and guess.confidence.startswith("text plausible as Western European: 100%")
    assert read_layer(path, cache=False).frame["name"].iloc[0] == "Café Müller Straße"
